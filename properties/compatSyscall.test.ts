import { describe, expect, it } from 'vitest';
import { domainOf } from '../src/check/domain.js';
import { explore, minimalCounterexample } from '../src/check/exhaustive.js';
import { searchPath } from '../src/check/fastCheckSearch.js';
import type { PathProperty } from '../src/check/property.js';
import { DEFAULT_RUNS, DEFAULT_SEED } from '../src/check/settings.js';
import type { KernelId } from '../src/kernels/kernelId.js';
import { getKernel } from '../src/kernels/registry.js';
import { makeContext } from '../src/model/context.js';
import { contextOfKernel } from '../src/model/fromKernel.js';
import { anyMachine, type Machine } from '../src/model/machine.js';
import { c4xCompatSyscallWith } from '../src/model/machines/c4x/compatSyscall.js';
import { genericCompatSyscallWith } from '../src/model/machines/generic/compatSyscall.js';
import { machineFor } from '../src/model/machines/registry.js';
import {
  ALL_FACT_TOKENS,
  describeFacts,
  factsToken,
  LANDING_PAD,
  RF,
  ripOf,
  TF,
  USER32_SEGS,
} from '../src/model/registers.js';
import {
  CHECKS_COMPAT,
  failedCheck,
  type SysretCheck,
  sysretlAgainstIret,
} from '../src/model/returnInstructions.js';
import { kindIndex, kindName, rootOf } from '../src/model/root.js';
import { run } from '../src/model/run.js';
import { sysretSafe } from './sysretSafe.js';

/** The kernels with a compat path, one of each kind of entry work: 4.4's phases, 4.8's, generic. */
const KERNELS: readonly KernelId[] = ['v4.4', 'v4.8', 'v5.11', 'v6.14'];

function compatOf(id: KernelId, checks: readonly SysretCheck[] = CHECKS_COMPAT) {
  const k = getKernel(id);
  const ctx = makeContext(contextOfKernel(k).input, 'compat-syscall');
  const real = machineFor(k.behaviour.exitModel, 'compat-syscall');
  if (real === undefined) throw new Error(`${id} has no compat path`);
  const machine: Machine =
    checks === CHECKS_COMPAT
      ? real
      : k.behaviour.exitModel === 'generic'
        ? anyMachine(genericCompatSyscallWith(checks))
        : anyMachine(c4xCompatSyscallWith(checks));
  return { ctx, machine };
}

const without = (test: string): readonly SysretCheck[] => CHECKS_COMPAT.filter((c) => c.test !== test);
const sameAsIret = (facts: number): boolean => {
  const o = sysretlAgainstIret(facts);
  return o.fault === undefined && o.differs === undefined;
};

/**
 * The compat return (issue 5, Build item 2): do_fast_syscall_32's SYSRETL against IRET, and its
 * three tests, on the register facts; then the 4.4-era and generic-entry compat syscalls, with
 * each test left out in turn to show sysret-safe failing where it should.
 */
describe('SYSRETL against IRET', () => {
  it('should be the same exactly at the landing pad, with a 32-bit CS and no TF or RF, whatever RCX and R11 hold', () => {
    for (const { facts } of ALL_FACT_TOKENS) {
      const clean =
        ripOf(facts) === 'landing-pad' && (facts & USER32_SEGS) !== 0 && (facts & (TF | RF)) === 0;
      expect(sameAsIret(facts), describeFacts(facts)).toBe(clean);
    }
  });

  it('should never fault in ring 0: ECX is 32 bits wide, so no RIP it loads is non-canonical', () => {
    for (const { facts } of ALL_FACT_TOKENS) expect(sysretlAgainstIret(facts).fault).toBeUndefined();
    expect(sysretlAgainstIret(1 | USER32_SEGS).differs).toMatch(/low 32 bits of a non-canonical RIP/);
  });

  it("should let do_fast_syscall_32's tests through only values on which SYSRETL is the same as IRET", () => {
    const passing = ALL_FACT_TOKENS.filter(({ facts }) => failedCheck(CHECKS_COMPAT, facts) === undefined);
    expect(passing.length).toBeGreaterThan(0);
    for (const { facts, id } of passing) expect(sameAsIret(facts), id).toBe(true);
  });

  it('should need each of the three tests: without it, the smallest value it stops goes out by SYSRETL and differs', () => {
    const firstLetThrough = (checks: readonly SysretCheck[]) =>
      ALL_FACT_TOKENS.find(({ facts }) => failedCheck(checks, facts) === undefined && !sameAsIret(facts))?.id;
    expect(firstLetThrough(without('CS == __USER32_CS and SS == __USER_DS'))).toBe('regs.rip-landing-pad');
    expect(firstLetThrough(without('IP == landing_pad'))).toBe('regs.cs32');
    expect(firstLetThrough(without('RF and TF clear'))).toBe('regs.rip-landing-pad.cs32.tf');
  });
});

describe('the compat syscall', () => {
  for (const id of KERNELS) {
    it(`should return by SYSRETL on ${id} from a plain syscall, and by IRET once a signal has moved RIP (seed 001: RIP - 2 is the int $0x80)`, () => {
      const { ctx, machine } = compatOf(id);
      const plain = run(machine, ctx, rootOf(0, kindIndex('ordinary')));
      expect(plain.returned).toMatchObject({ via: 'SYSRETL', at: 'sysret32_from_system_call' });
      const signalled = run(machine, ctx, rootOf(ctx.bit('SIGPENDING'), kindIndex('ordinary')));
      expect(signalled.returned?.via).toBe('IRET');
      expect(signalled.trace.flatMap((t) => t.notes).join('\n')).toMatch(/IP == landing_pad fails/);
    });
  }

  it('should resume a signalled syscall at the wrong ECX by SYSRETL without the landing-pad test (the restart of seed 001)', () => {
    const { ctx, machine } = compatOf('v4.4', without('IP == landing_pad'));
    const r = run(machine, ctx, rootOf(ctx.bit('SIGPENDING'), kindIndex('ordinary')));
    expect(r.returned?.via).toBe('SYSRETL');
    expect(r.returned && sysretSafe.onReturn?.(ctx, r.returned)).toMatch(
      /RIP in the user half.*ECX holds RIP/,
    );
  });

  it('should point RIP at the landing pad before the syscall runs, and leave the selectors a 32-bit task has', () => {
    const { ctx, machine } = compatOf('v4.4');
    const r = run(machine, ctx, rootOf(0, kindIndex('ordinary')));
    const at = r.trace.find((t) => t.state.label === 'do_syscall_32_irqs_on');
    expect(at && factsToken(at.state.regs & 0x7f)).toBe('regs.rip-landing-pad.rcx-other.r11-other.cs32');
    expect(r.returned && ripOf(r.returned.state.regs)).toBe('landing-pad');
    expect(LANDING_PAD).toBe(3);
  });

  /** Each test left out: the violation sysret-safe finds, minimal, by both engines. */
  const CASES = [
    {
      test: 'IP == landing_pad',
      // execve's start_thread points RIP at the new program: SYSRETL would start it with ECX
      // holding RIP instead of what IRET restores.
      kind: 'execve',
      events: [],
      message: /ECX holds RIP/,
    },
    {
      test: 'CS == __USER32_CS and SS == __USER_DS',
      // rt_sigreturn restores a frame with 64-bit selectors (a far jump to 64-bit mode): SYSRETL
      // forces the 32-bit ones back.
      kind: 'rt_sigreturn',
      events: ['regs.rip-landing-pad'],
      message: /CS\/SS become __USER32_CS/,
    },
    {
      test: 'RF and TF clear',
      kind: 'rt_sigreturn',
      events: ['regs.rip-landing-pad.cs32.tf'],
      message: /#DB right after SYSRETL/,
    },
  ];
  for (const id of ['v4.4', 'v5.11'] as const) {
    const { ctx } = compatOf(id);
    const prop = sysretSafe as PathProperty;
    it(`should hold sysret-safe on ${id}'s compat path with all three tests`, () => {
      const { machine } = compatOf(id);
      const ex = explore(machine, ctx, [prop], domainOf(ctx, machine, false));
      expect(ex.complete).toBe(true);
      expect(ex.found.has(prop.id)).toBe(false);
    });
    for (const c of CASES) {
      it(`should catch "${c.test}" left out on ${id} as sysret-safe, exhaustively and by fast-check`, () => {
        const { machine } = compatOf(id, without(c.test));
        const domain = domainOf(ctx, machine, false);
        expect(explore(machine, ctx, [prop], domain).found.has(prop.id)).toBe(true);
        const min = minimalCounterexample(machine, ctx, prop, domain, 3);
        expect(
          min && {
            flags: ctx.fmt(min.root.flags),
            kind: kindName(min.root.kind),
            events: min.schedule.map((e) => e.id),
          },
        ).toEqual({ flags: '0', kind: c.kind, events: c.events });
        expect(min?.message).toMatch(c.message);
        const fc = searchPath(machine, ctx, prop, domain, { seed: DEFAULT_SEED, numRuns: DEFAULT_RUNS });
        expect(fc.violated, `seed ${DEFAULT_SEED}`).toBe(true);
      });
    }
  }
});
