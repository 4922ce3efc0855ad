import { describe, expect, it } from 'vitest';
import { domainOf, rootsInOrder } from '../src/check/domain.js';
import { judge } from '../src/check/exhaustive.js';
import type { PathProperty } from '../src/check/property.js';
import { KERNEL_IDS, type KernelId } from '../src/kernels/kernelId.js';
import type { PathId } from '../src/kernels/pathId.js';
import { getKernel } from '../src/kernels/registry.js';
import { type ModelContext, makeContext } from '../src/model/context.js';
import { contextOfKernel } from '../src/model/fromKernel.js';
import { asyncEventsAt, type Machine, type Register, withoutDeadRegisters } from '../src/model/machine.js';
import { machineFor } from '../src/model/machines/registry.js';
import { applySetter } from '../src/model/pending.js';
import { changed, type ModelState, sameState, stateKey } from '../src/model/state.js';
import { type Branch, isTerminal, stateAfter } from '../src/model/transition.js';
import { PROPERTIES } from './registry.js';

/**
 * The explorer treats states that differ only in a dead register as one (Machine.deadRegisters).
 * That is sound only if, at every reachable state, the step's outcome does not depend on the dead
 * registers' values: the same branches, events, calls and ends, next states equal up to their own
 * dead registers, and the same verdict from every property. Checked here at every reachable state
 * of every path of every built-in kernel, with the dead registers set to other values.
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
  const canonical = withoutDeadRegisters(machine);
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
 * The first place where a dead register's value changes a step, or undefined. Dead registers are
 * set to all ones and to a value that depends on the state: a stale register can hold anything.
 */
function firstDependence(machine: Machine, ctx: ModelContext): string | undefined {
  const canonical = withoutDeadRegisters(machine);
  const props = PATH_PROPERTIES.filter((p) => p.appliesTo(machine));
  const dead = (machine.deadRegisters ?? {}) as Partial<Record<string, readonly Register[]>>;
  for (const s of reachable(machine, ctx)) {
    const regs = dead[s.label];
    if (regs === undefined) continue;
    const before = machine.step(s, ctx);
    for (const v of [0xffffffff, (s.flags ^ 0x5a5a5aa5) >>> 0]) {
      const other = changed(s, {
        mask: regs.includes('mask') ? v : s.mask,
        work: regs.includes('work') ? v : s.work,
      });
      const after = machine.step(other, ctx);
      const where = `at ${s.label} (flags ${ctx.fmt(s.flags)}) with ${regs.join(', ')} = 0x${v.toString(16)}`;
      if (after.length !== before.length) return `${where}: ${after.length} branches, not ${before.length}`;
      for (let i = 0; i < before.length; i++) {
        const a = before[i] as Branch;
        const b = after[i] as Branch;
        if (outcome(a) !== outcome(b)) return `${where}: branch ${i} is ${outcome(b)}, not ${outcome(a)}`;
        if (!sameState(canonical(stateAfter(a)), canonical(stateAfter(b))))
          return `${where}: branch ${i} leads to another state`;
        for (const p of props) {
          if (judge(p, ctx, other, b) !== judge(p, ctx, s, a))
            return `${where}: branch ${i}, ${p.id} differs`;
        }
      }
    }
  }
  return undefined;
}

const subjectOf = (id: KernelId, path: PathId) => {
  const k = getKernel(id);
  const machine = machineFor(k.behaviour.exitModel, path);
  if (machine === undefined) throw new Error(`${id} models ${path}`);
  return { machine, ctx: makeContext(contextOfKernel(k).input, path) };
};

describe('dead registers (the explorer merges states that differ only in them)', () => {
  for (const id of KERNEL_IDS) {
    const k = getKernel(id);
    for (const path of k.behaviour.paths) {
      if (machineFor(k.behaviour.exitModel, path)?.deadRegisters === undefined) continue;
      it(`should not change any step of ${id} ${path}`, () => {
        const { machine, ctx } = subjectOf(id, path);
        expect(firstDependence(machine, ctx)).toBeUndefined();
      });
    }
  }

  it('should catch a register declared dead where it is read', () => {
    // int_check_syscall_exit_work tests %edx against _TIF_WORK_SYSCALL_EXIT.
    const { machine, ctx } = subjectOf('v3.13', 'syscall-exit');
    const wrong: Machine = {
      ...machine,
      deadRegisters: { ...machine.deadRegisters, int_check_syscall_exit_work: ['work'] },
    };
    expect(firstDependence(wrong, ctx)).toMatch(/^at int_check_syscall_exit_work .*work = 0x/);
  });

  it('should catch %edi declared dead where the loop reads it', () => {
    // int_restore_rest goes back to int_with_check, which reads ti->flags through %edi.
    const { machine, ctx } = subjectOf('v3.13', 'syscall-exit');
    const wrong: Machine = {
      ...machine,
      deadRegisters: { ...machine.deadRegisters, int_restore_rest: ['mask', 'work'] },
    };
    expect(firstDependence(wrong, ctx)).toMatch(/^at int_restore_rest .*branch 0 leads to another state/);
  });
});
