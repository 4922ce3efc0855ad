import { describe, expect, it } from 'vitest';
import { diffSubjects } from '../src/check/diff.js';
import { kernelSubject } from '../src/check/subject.js';
import { DEFAULT_OPTIONS } from '../src/check/verify.js';
import { unwrap } from '../src/flags/errors.js';
import type { KernelId } from '../src/kernels/kernelId.js';
import { getKernel } from '../src/kernels/registry.js';
import { makeContext } from '../src/model/context.js';
import { contextOfKernel } from '../src/model/fromKernel.js';
import { machineFor } from '../src/model/machines/registry.js';
import {
  ALL_FACT_TOKENS,
  describeFacts,
  FACT_TOKENS_64,
  R11_OTHER,
  RCX_OTHER,
  RF,
  TF,
  USER32_SEGS,
} from '../src/model/registers.js';
import {
  CHECKS_4_0,
  CHECKS_4_0_RF,
  CHECKS_4_4,
  failedCheck,
  sysretAgainstIret,
} from '../src/model/returnInstructions.js';
import { kindIndex, rootOf } from '../src/model/root.js';
import { run, type ScheduledEvent } from '../src/model/run.js';
import { PROPERTIES } from './registry.js';
import { sysretSafe } from './sysretSafe.js';

const NON_CANONICAL = 1;
const KERNEL_HALF = 2;

/** One whole syscall on a kernel, with its sysret-safe verdict on the return. */
function syscallRun(id: KernelId, kind: string, events: readonly ScheduledEvent[]) {
  const k = getKernel(id);
  const ctx = makeContext(contextOfKernel(k).input, 'syscall');
  const m = machineFor(k.behaviour.exitModel, 'syscall');
  if (m === undefined) throw new Error(`${id} has no syscall machine`);
  const r = run(m, ctx, rootOf(0, kindIndex(kind)), events);
  const broken = r.returned === undefined ? undefined : sysretSafe.onReturn?.(ctx, r.returned);
  return { r, broken };
}

/** The tracer at a fork's PTRACE_EVENT_FORK stop, then what it left in pt_regs where they are read. */
const CVE = (regs: string): ScheduledEvent[] => [
  { at: 3, id: 'PTRACE_CONT' },
  { at: 3, id: regs },
];

/**
 * sysret-safe (issue 5): the return instructions compared on the register facts, each era's SYSRET
 * tests, and the designs side by side. The known violations are pinned with the others in
 * counterexamples/ (properties/builtinKernels.test.ts); these tests state the facts behind them.
 */
describe('the return instructions', () => {
  it('should say SYSRET faults in ring 0 exactly where the RIP it jumps to is non-canonical', () => {
    expect(sysretAgainstIret(NON_CANONICAL, 'rip').fault).toMatch(/CVE-2014-4699/);
    expect(sysretAgainstIret(NON_CANONICAL, 'frame').fault).toMatch(/CVE-2014-4699/);
    // From the frame with RCX != RIP, SYSRET goes to the saved RCX (a user address), not to RIP.
    expect(sysretAgainstIret(NON_CANONICAL | RCX_OTHER, 'frame').fault).toBeUndefined();
    expect(sysretAgainstIret(NON_CANONICAL | RCX_OTHER, 'rip').fault).toMatch(/CVE-2014-4699/);
  });

  it('should find SYSRET the same as IRET only where RCX = RIP, R11 = RFLAGS, user CS/SS and no TF or RF', () => {
    for (const { facts } of ALL_FACT_TOKENS) {
      const o = sysretAgainstIret(facts, 'frame');
      const same = o.fault === undefined && o.differs === undefined;
      const clean =
        (facts & (RCX_OTHER | R11_OTHER | USER32_SEGS | TF | RF)) === 0 && (facts & 3) !== NON_CANONICAL;
      expect(same, describeFacts(facts)).toBe(clean);
    }
  });

  it("should find 2a23c6b8a9c4's and 4.4's tests apart on TF (the commit lets it through) and on a kernel-half RIP (4.4 lets it through, harmlessly), and released 4.0's apart from 4.4's on the kernel half only", () => {
    // The landing pad is one more user address to both (model/registers.ts): the 64-bit values only.
    const apart = (a: typeof CHECKS_4_0, b: typeof CHECKS_4_4) =>
      FACT_TOKENS_64.filter(
        ({ facts }) => (failedCheck(a, facts) === undefined) !== (failedCheck(b, facts) === undefined),
      ).map(({ id }) => id);
    expect(apart(CHECKS_4_0_RF, CHECKS_4_4)).toEqual(['regs.tf', 'regs.rip-kernel-half']);
    expect(apart(CHECKS_4_0, CHECKS_4_4)).toEqual(['regs.rip-kernel-half']);
    expect(sysretAgainstIret(TF, 'frame').differs).toMatch(/#DB right after SYSRET/);
    expect(sysretAgainstIret(KERNEL_HALF, 'frame')).toEqual({});
  });

  it('should let neither era return by SYSRET to a non-canonical RIP', () => {
    for (const { facts } of ALL_FACT_TOKENS) {
      for (const checks of [CHECKS_4_0_RF, CHECKS_4_0, CHECKS_4_4]) {
        if (failedCheck(checks, facts) === undefined)
          expect(sysretAgainstIret(facts, 'frame').fault, describeFacts(facts)).toBeUndefined();
      }
    }
  });
});

describe('CVE-2014-4699 and its fix, as whole syscalls', () => {
  it("should fault in ring 0 on v3.13: the tracer's non-canonical RIP at a fork's event stop goes out by the fast path's SYSRET", () => {
    const { r, broken } = syscallRun('v3.13', 'fork', CVE('regs.rip-non-canonical'));
    expect(r.returned?.via).toBe('SYSRET');
    expect(r.returned?.at).toBe('sysret_check');
    expect(broken).toMatch(/#GP in ring 0/);
  });

  it('should leave by IRET on v3.18 after the same stop (force_iret() sets NOTIFY_RESUME)', () => {
    const { r, broken } = syscallRun('v3.18', 'fork', CVE('regs.rip-non-canonical'));
    expect(r.returned?.via).toBe('IRET');
    expect(broken).toBeUndefined();
  });

  it("should refuse SYSRET on v4.4 and v4.5 for a tracer's RIP = RCX, non-canonical", () => {
    for (const id of ['v4.4', 'v4.5'] as const) {
      const { r, broken } = syscallRun(id, 'fork', CVE('regs.rip-non-canonical'));
      expect(r.returned?.via, id).toBe('IRET');
      expect(broken, id).toBeUndefined();
    }
  });

  it("should reopen it in seed 001's status-flag design: force_iret() tests pt_regs before the tracer writes them", () => {
    const { r, broken } = syscallRun('v4.4-status-flag', 'fork', CVE('regs.rip-non-canonical'));
    expect(r.returned?.via).toBe('SYSRET');
    expect(broken).toMatch(/#GP in ring 0/);
  });
});

describe('designs compared', () => {
  const subject = (id: KernelId) => unwrap(kernelSubject(getKernel(id)), id);
  const ALL = Object.values(PROPERTIES);

  it("should report v4.4's tests as fixing 2a23c6b8a9c4's TF hole, with the input run on both sides", () => {
    const d = diffSubjects(subject('v4.0-pre-2a23c6b8a9c4'), subject('v4.4'), ALL, {
      ...DEFAULT_OPTIONS,
      paths: ['syscall'],
    });
    expect(d.verdicts.filter((v) => v.change === 'fixed').map((v) => `${v.property} ${v.path}`)).toEqual([
      'sysret-safe syscall',
    ]);
    const t = d.returnTests;
    expect(t?.base).toBe('checks-4.0-rf');
    expect(t?.proposed).toBe('checks-4.4');
    expect(t?.differences?.map((x) => [x.facts, x.base, x.proposed])).toEqual([
      [TF, 'SYSRET', 'IRET'],
      [KERNEL_HALF, 'IRET', 'SYSRET'],
    ]);
    const replay = t?.replays[0];
    expect(replay?.violatedOn).toBe('base');
    expect(replay?.input.events.map((e) => e.id)).toEqual(['regs.tf']);
    expect(replay?.base.returned?.via).toBe('SYSRET');
    expect(replay?.proposed.returned?.via).toBe('IRET');
  });

  it('should separate the status-flag design from the register tests by a signal delivered at the exit', () => {
    // What the change breaks is the point here, not how to repair it: no fix search.
    const d = diffSubjects(subject('v4.4'), subject('v4.4-status-flag'), ALL, DEFAULT_OPTIONS, {
      fixes: false,
    });
    expect(d.verdicts.filter((v) => v.change === 'broken').map((v) => `${v.property} ${v.path}`)).toEqual([
      'sysret-safe syscall',
      'sysret-safe compat-syscall',
    ]);
    const broken = (path: string) =>
      d.after.find((r) => r.property === 'sysret-safe' && r.path === path)?.counterexample;
    for (const c of [broken('syscall'), broken('compat-syscall')])
      expect(c?.run.trace.some((e) => e.notes.some((n) => n.includes('signal delivered')))).toBe(true);
    expect(broken('syscall')?.message).toMatch(/resumes at the saved RCX/);
    // The compat path, the one seed 001's thread is about: SYSRETL off the landing pad.
    expect(broken('compat-syscall')?.message).toMatch(/SYSRETL .* ECX holds RIP/);
    expect(d.returnTests?.differences).toBeUndefined();
    const b = d.behaviour[0];
    expect(b?.differingReachable).toBeGreaterThan(0);
  });
});
