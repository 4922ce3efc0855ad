import { describe, expect, it } from 'vitest';
import { domainOf, rootsInOrder } from '../../src/check/domain.js';
import { judge } from '../../src/check/exhaustive.js';
import type { PathProperty } from '../../src/check/property.js';
import { KERNEL_IDS, type KernelId } from '../../src/kernels/kernelId.js';
import type { PathId } from '../../src/kernels/pathId.js';
import { getKernel } from '../../src/kernels/registry.js';
import { type ModelContext, makeContext } from '../../src/model/context.js';
import { contextOfKernel } from '../../src/model/fromKernel.js';
import { asyncEventsAt, type DeadField, type Machine, withoutDeadFields } from '../../src/model/machine.js';
import { machineFor } from '../../src/model/machines/registry.js';
import { applySetter } from '../../src/model/pending.js';
import { ptRegsCanon } from '../../src/model/ptRegsClasses.js';
import {
  compactRegs,
  fastSyscall,
  R11_OTHER,
  RCX_OTHER,
  RF,
  readAs,
  TF,
  USER32_SEGS,
  withFastSyscall,
  written,
} from '../../src/model/registers.js';
import { changed, type ModelState, sameState, stateKey } from '../../src/model/state.js';
import { type Branch, isTerminal, stateAfter } from '../../src/model/transition.js';
import { MODEL_TWINS } from '../../src/testing/modelTwins.js';
import { FULL_TIER, sampleOf, TIER_NAME } from '../../src/testing/tier.js';
import { PROPERTIES } from '../registry.js';

/**
 * The explorer treats states that differ only in a dead register, or in syscall_work where it is
 * dead, as one (Machine.deadFields), and states whose pt_regs no later step tells apart as one
 * (model/ptRegsClasses.ts). That is sound only if, at every reachable state, the step's outcome
 * does not depend on the dead fields' values: the same branches, events, calls and ends, next
 * states equal up to their own dead fields, and the same verdict from every property. Checked here
 * at every reachable state of every path of every built-in kernel, with the dead fields set to
 * other values.
 */
const PATH_PROPERTIES = Object.values(PROPERTIES).filter((p): p is PathProperty => p.kind === 'path');

/** What a branch is, as far as the search and the properties can tell (the next state apart). */
function outcome(b: Branch): string {
  const end = isTerminal(b.next) ? `${b.next.kind} ${b.next.at} ${(b.next as { via?: string }).via}` : '';
  const calls = b.calls.map((c) => `${c.fn}/${c.takesRegs}/${c.needs}/${c.fullFrame}/${c.topOfStack}`);
  return `${b.events.map((e) => `${e.id}@${e.occasion}`).join(' ')} | ${calls.join(' ')} | ${end} | ${b.entryDone}`;
}

/** Every state the explorer reaches, in its canonical form. */
function reachable(machine: Machine, ctx: ModelContext): ModelState[] {
  const canonical = withoutDeadFields(machine, ctx);
  const seen = new Map<string, ModelState>();
  const todo: ModelState[] = [];
  const visit = (s: ModelState) => {
    const c = canonical(s);
    const k = stateKey(c);
    if (!seen.has(k)) {
      seen.set(k, c);
      todo.push(c);
    }
  };
  for (const root of rootsInOrder(domainOf(ctx, machine, false))) visit(machine.start(ctx, root));
  while (todo.length > 0) {
    const s = todo.pop() as ModelState;
    for (const cs of asyncEventsAt(machine, s, ctx)) visit(applySetter(s, cs));
    for (const b of machine.step(s, ctx)) if (!isTerminal(b.next)) visit(b.next);
  }
  return [...seen.values()];
}

/**
 * Values pt_regs can hold, to try in place of a state's own: each writer's, known or not, with the
 * facts that tell the return rules apart.
 */
const PT_REGS_TRIES: readonly number[] = [
  0,
  1,
  2,
  TF,
  RF,
  RCX_OTHER,
  RCX_OTHER | R11_OTHER,
  USER32_SEGS,
  1 | TF,
].flatMap((f) => [
  written(0, 'syscall', f),
  written(0, 'signal', f),
  written(written(0, 'syscall', f), 'tracer'),
  written(0, 'sigreturn', f),
  written(0, 'user', f),
  readAs(written(0, 'tracer', f), f),
]);

/** A verdict as far as the search can tell: which values pt_regs held is not part of it. */
const verdictOf = (msg: string | undefined): string | undefined => msg?.replace(/ with RIP [^:]*:/, ':');

/**
 * The first place where a dead field's value changes a step, or undefined. Dead fields are
 * set to all ones and to a value that depends on the state: a stale register can hold anything.
 * pt_regs are set to other values the explorer keys alike (model/ptRegsClasses.ts).
 */
export function firstDependence(machine: Machine, ctx: ModelContext): string | undefined {
  const canonical = withoutDeadFields(machine, ctx);
  const canonRegs = ptRegsCanon(machine, ctx);
  const props = PATH_PROPERTIES.filter((p) => p.appliesTo(machine, ctx));
  const dead = (machine.deadFields ?? {}) as Partial<Record<string, readonly DeadField[]>>;
  for (const s of reachable(machine, ctx)) {
    const fields = dead[s.label] ?? [];
    const same = canonRegs(s.label, s.regs);
    const flag = withFastSyscall(0, fastSyscall(s.regs));
    const alike = PT_REGS_TRIES.map((r) => r | flag).filter(
      (r) => r !== s.regs && canonRegs(s.label, r) === same,
    );
    if (fields.length === 0 && alike.length === 0) continue;
    const before = machine.step(s, ctx);
    const tries = [0xffffffff, (s.flags ^ 0x5a5a5aa5) >>> 0].map((v, i) => ({
      v,
      pt: alike.length === 0 ? s.regs : (alike[i === 0 ? 0 : alike.length - 1] as number),
    }));
    for (const { v, pt } of tries) {
      const other = changed(s, {
        mask: fields.includes('mask') ? v : s.mask,
        work: fields.includes('work') ? v : s.work,
        syscallWork: fields.includes('syscallWork') ? v : s.syscallWork,
        regs: pt,
      });
      const after = machine.step(other, ctx);
      const vary = [
        ...fields.map((f) => `${f} = 0x${v.toString(16)}`),
        ...(pt !== s.regs ? [`pt_regs = ${compactRegs(pt)} for ${compactRegs(s.regs)}`] : []),
      ];
      const where = `at ${s.label} (flags ${ctx.fmt(s.flags)}) with ${vary.join(', ')}`;
      if (after.length !== before.length) return `${where}: ${after.length} branches, not ${before.length}`;
      for (let i = 0; i < before.length; i++) {
        const a = before[i] as Branch;
        const b = after[i] as Branch;
        if (outcome(a) !== outcome(b)) return `${where}: branch ${i} is ${outcome(b)}, not ${outcome(a)}`;
        if (!sameState(canonical(stateAfter(a)), canonical(stateAfter(b))))
          return `${where}: branch ${i} leads to another state`;
        for (const p of props) {
          if (verdictOf(judge(p, ctx, other, b)) !== verdictOf(judge(p, ctx, s, a)))
            return `${where}: branch ${i}, ${p.id} differs`;
        }
      }
    }
  }
  return undefined;
}

export const subjectOf = (id: KernelId, path: PathId) => {
  const k = getKernel(id);
  const machine = machineFor(k.behaviour.exitModel, path);
  if (machine === undefined) throw new Error(`${id} models ${path}`);
  return { machine, ctx: makeContext(contextOfKernel(k).input, path) };
};

/** Which test file checks a path: generic entry's whole syscalls are long, so they have files of their own. */
export type DeadRegisterGroup = 'returns-and-older-syscalls' | 'generic-syscalls' | 'slice-syscalls';

/**
 * The paths to check: in the full tier every path that declares something; in the quick tier, of
 * each family's interrupt, exception and paranoid returns (each a second or less) one, and of each
 * family's syscall paths one, all chosen by the test seed (testing/tier.ts). A generic whole
 * syscall takes 1 to 11 s (it took 10 to 90 s before the explorer merged a dead syscall_work). A
 * kernel whose model is another's (testing/modelTwins.ts) is its twin's check.
 */
export function pathsToCheck(group: DeadRegisterGroup): { id: KernelId; path: PathId }[] {
  const all = KERNEL_IDS.filter((id) => MODEL_TWINS[id] === undefined).flatMap((id) => {
    const k = getKernel(id);
    return k.behaviour.paths
      .filter((path) => {
        const m = machineFor(k.behaviour.exitModel, path);
        return m?.deadFields !== undefined || m?.plainSysretFrom !== undefined;
      })
      .map((path) => ({
        id,
        path,
        family: k.behaviour.exitModel,
        slice: k.behaviour.sliceExtension !== undefined,
      }));
  });
  const isReturn = (p: PathId) => p === 'interrupt-exit' || p === 'exception-exit' || p === 'paranoid-exit';
  const groupOf = (c: (typeof all)[number]): DeadRegisterGroup =>
    isReturn(c.path) || c.family !== 'generic'
      ? 'returns-and-older-syscalls'
      : c.slice
        ? 'slice-syscalls'
        : 'generic-syscalls';
  const syscalls = all.filter((c) => !isReturn(c.path));
  const returns = all.filter((c) => isReturn(c.path));
  const families = [...new Set(returns.map((c) => c.family))];
  const sampled = new Set([
    ...(FULL_TIER
      ? returns
      : families.flatMap((family) =>
          sampleOf(
            returns.filter((c) => c.family === family),
            1,
            `dead registers ${family} returns`,
          ),
        )),
    ...[...new Set(syscalls.map((c) => c.family))].flatMap((f) =>
      FULL_TIER
        ? syscalls.filter((c) => c.family === f)
        : sampleOf(
            syscalls.filter((c) => c.family === f),
            1,
            `dead registers ${f}`,
          ),
    ),
  ]);
  return all.filter((c) => sampled.has(c) && groupOf(c) === group);
}

/** Every generic kernel's whole syscalls, twins left to their twin: what the full tier checks. */
export function genericSyscalls(): string[] {
  return KERNEL_IDS.filter((id) => MODEL_TWINS[id] === undefined).flatMap((id) => {
    const k = getKernel(id);
    if (k.behaviour.exitModel !== 'generic') return [];
    return k.behaviour.paths
      .filter((p) => p === 'syscall' || p === 'compat-syscall')
      .map((p) => `${id} ${p}`);
  });
}

/**
 * The test file of one group of generic whole syscalls (deadRegisters.genericSyscalls and
 * .sliceSyscalls): each path's check in the full tier, and a check that the two groups together
 * cover every generic whole syscall there and none in the quick tier.
 */
export function describeGenericSyscalls(
  group: Exclude<DeadRegisterGroup, 'returns-and-older-syscalls'>,
  what: string,
): void {
  describe(`dead registers of generic whole syscalls, ${what} (${TIER_NAME})`, () => {
    for (const { id, path } of pathsToCheck(group)) {
      it(`should not change any step of ${id} ${path}`, { timeout: 1_800_000 }, () => {
        const { machine, ctx } = subjectOf(id, path);
        expect(firstDependence(machine, ctx)).toBeUndefined();
      });
    }

    it('should, with the other file, check every generic whole syscall in the full tier, one in the quick', () => {
      const checked = [...pathsToCheck('generic-syscalls'), ...pathsToCheck('slice-syscalls')].map(
        (c) => `${c.id} ${c.path}`,
      );
      if (FULL_TIER) expect(checked.sort()).toEqual(genericSyscalls().sort());
      else expect(checked.filter((c) => genericSyscalls().includes(c))).toHaveLength(1);
      expect(genericSyscalls().length).toBeGreaterThanOrEqual(14);
    });
  });
}
