import { describe, expect, it } from 'vitest';
import { explainRun } from '../src/check/explain.js';
import { kernelSubject } from '../src/check/subject.js';
import { decompose } from '../src/flags/decompose.js';
import { unwrap } from '../src/flags/errors.js';
import type { KernelId } from '../src/kernels/kernelId.js';
import type { PathId } from '../src/kernels/pathId.js';
import { getKernel } from '../src/kernels/registry.js';
import type { SeccompOutcome, SyscallKind } from '../src/kernels/syscalls.js';
import { kindIndex, rootOf, seccompIndex } from '../src/model/root.js';
import type { ScheduledEvent } from '../src/model/run.js';
import { PROPERTIES } from './registry.js';

/**
 * The claims of seed 003 (Al Viro, 27 Jan 2014), each confirmed or refuted by running the model.
 * README.md sums up the verdicts.
 */
function runOf(
  kernel: KernelId,
  path: PathId,
  flags: readonly string[],
  events: readonly ScheduledEvent[] = [],
  syscall: { kind?: SyscallKind; seccomp?: SeccompOutcome; work?: readonly string[] } = {},
) {
  const subject = unwrap(kernelSubject(getKernel(kernel)), kernel);
  const bit = (n: string) => subject.input.table.bitOf.get(n) ?? -1;
  const value = flags.reduce((v, f) => (v | (1 << bit(f))) >>> 0, 0);
  const workBit = (n: string) => subject.input.workTable?.bitOf.get(n) ?? -1;
  const work = (syscall.work ?? []).reduce((v, f) => (v | (1 << workBit(f))) >>> 0, 0);
  const root = rootOf(
    value,
    kindIndex(syscall.kind ?? 'ordinary'),
    seccompIndex(syscall.seccomp ?? 'allow'),
    work,
  );
  return unwrap(explainRun(subject, path, root, events, Object.values(PROPERTIES)), 'run');
}
const labels = (x: ReturnType<typeof runOf>) => x.run.trace.map((e) => e.state.label);
const notes = (x: ReturnType<typeof runOf>) => x.run.trace.flatMap((e) => e.notes);
const calls = (x: ReturnType<typeof runOf>, fn: string) =>
  x.run.trace.flatMap((e) => e.calls).filter((c) => c.fn === fn).length;

describe('seed 003: _TIF_SYSCALL_EMU on the way out (v3.13)', () => {
  it('"forces us on iret path": confirmed, a syscall with only EMU set returns by IRET, not SYSRET', () => {
    expect(runOf('v3.13', 'syscall-exit', []).run.returned?.via).toBe('SYSRET');
    expect(runOf('v3.13', 'syscall-exit', ['SYSCALL_EMU']).run.returned?.via).toBe('IRET');
  });

  it('"does *not* trigger syscall_trace_leave() on its own": confirmed', () => {
    expect(calls(runOf('v3.13', 'syscall-exit', ['SYSCALL_EMU']), 'syscall_trace_leave')).toBe(0);
    expect(calls(runOf('v3.13', 'syscall-exit', ['SYSCALL_TRACE']), 'syscall_trace_leave')).toBe(1);
  });

  it('"hits do_notify_resume() (for no good reason)": refuted on x86-64 for EMU alone; true only when a DO_NOTIFY flag comes with it', () => {
    expect(calls(runOf('v3.13', 'syscall-exit', ['SYSCALL_EMU']), 'do_notify_resume')).toBe(0);
    const withSignal = runOf('v3.13', 'syscall-exit', ['SYSCALL_EMU', 'SIGPENDING']);
    expect(calls(withSignal, 'do_notify_resume')).toBe(1);
    expect(withSignal.run.trace.flatMap((e) => e.notes)).toContain(
      'do_notify_resume(regs, NULL, SIGPENDING|SYSCALL_EMU)',
    );
    expect(withSignal.run.trace.flatMap((e) => e.notes)).toContain('do_notify_resume ignores SYSCALL_EMU');
  });

  it('"gets cleared from the workmask (%edi)": confirmed, after one pass EMU is out of %edi for good', () => {
    const x = runOf('v3.13', 'syscall-exit', ['SYSCALL_EMU', 'SYSCALL_TRACE']);
    const emu = 1 << 6;
    const masks = x.run.trace.map((e) => e.state.mask);
    const firstWithout = masks.findIndex((m, i) => i > 1 && (m & emu) === 0);
    expect(firstWithout).toBeGreaterThan(1);
    expect(masks.slice(firstWithout).every((m) => (m & emu) === 0)).toBe(true);
    // And syscall_trace_leave knows it: with EMU set, SINGLESTEP asks for no step report.
    const stepping = runOf('v3.13', 'syscall-exit', ['SYSCALL_EMU', 'SINGLESTEP']);
    expect(stepping.run.trace.flatMap((e) => e.notes)).toContain('SINGLESTEP ignored: SYSCALL_EMU is set');
  });
});

describe('seed 003: the masks and UPROBE', () => {
  it('"0xe200 (aka bits 15,14,13,9)" is v3.6 exactly; v3.13 adds bit 5', () => {
    for (const [id, dead] of [
      ['v3.6', 0xe200],
      ['v3.13', 0xe220],
    ] as const) {
      const k = getKernel(id);
      const table = k.tables.flags;
      if (table === undefined) throw new Error('flags table');
      expect(decompose(k.values.get('_TIF_WORK_MASK') ?? 0, table).unnamed).toBe(dead);
      expect(decompose(k.values.get('_TIF_ALLWORK_MASK') ?? 0, table).unnamed).toBe(dead);
    }
  });

  it('"If UPROBE is set, but nothing else in that set is, we\'ll be looping forever": confirmed on the syscall exit', () => {
    const x = runOf('v3.13', 'syscall-exit', ['UPROBE']);
    expect(x.run.outcome).toBe('livelock');
    expect(x.broken.map((b) => b.property)).toContain('exit-terminates');
    // 3.18 put UPROBE in DO_NOTIFY: the same input returns.
    expect(runOf('v3.18', 'syscall-exit', ['UPROBE']).run.outcome).toBe('returned');
  });

  it('"on the paranoid_userspace path ... solitary UPROBE is legitimate": confirmed, it is handled there but not on retint', () => {
    const paranoid = runOf('v3.13', 'paranoid-exit', ['UPROBE']);
    expect(calls(paranoid, 'do_notify_resume')).toBe(1);
    expect(paranoid.run.returned?.state.flags).toBe(0);
    const retint = runOf('v3.13', 'interrupt-exit', ['UPROBE']);
    expect(retint.run.returned?.state.flags).toBe(1 << 12);
  });

  it('the 3.x uprobe_deny_signal workaround fails when do_notify_resume already had NOTIFY_RESUME in its argument', () => {
    const x = runOf(
      'v3.13',
      'exception-exit',
      ['NOTIFY_RESUME', 'SIGPENDING'],
      [{ at: 3, id: 'uprobe_deny_signal' }],
    );
    expect(x.run.fired).toEqual([{ at: 3, id: 'uprobe_deny_signal' }]);
    expect(x.broken.map((b) => b.property)).toEqual(['exit-work-delivered']);
    // 3.18's fix (UPROBE in DO_NOTIFY, no workaround) delivers it.
    const fixed = runOf(
      'v3.18',
      'exception-exit',
      ['NOTIFY_RESUME', 'SIGPENDING'],
      [{ at: 3, id: 'uprobe_deny_signal' }],
    );
    expect(fixed.broken).toEqual([]);
  });
});

describe('seed 000: the two-phase split (July 2014)', () => {
  it('"with this change we can avoid [iret] if phase_1() returns zero": confirmed for a seccomp filter that allows', () => {
    expect(runOf('v3.13', 'syscall', ['SECCOMP']).run.returned?.via).toBe('IRET');
    const split = runOf('v3.18', 'syscall', ['SECCOMP']);
    expect(labels(split)).toContain('system_call_fastpath');
    expect(split.run.returned?.via).toBe('SYSRET');
  });

  it('"removes the special TIF_SYSCALL_AUDIT-only case in entry.S": confirmed, phase 1 audits instead of auditsys', () => {
    expect(labels(runOf('v3.13', 'syscall', ['SYSCALL_AUDIT']))).toContain('auditsys');
    const split = runOf('v3.18', 'syscall', ['SYSCALL_AUDIT']);
    expect(labels(split)).not.toContain('auditsys');
    expect(calls(split, 'do_audit_syscall_entry')).toBe(1);
    expect(split.run.returned?.via).toBe('SYSRET');
  });

  it('found by the model, not in the thread: after a seccomp ERRNO, phase 1 goes on and the tracer still gets an entry stop', () => {
    const input = ['SYSCALL_TRACE', 'SECCOMP'];
    const before = runOf('v3.13', 'syscall', input, [], { seccomp: 'errno' });
    expect(calls(before, 'tracehook_report_syscall_entry')).toBe(0);
    const after = runOf('v3.18', 'syscall', input, [], { seccomp: 'errno' });
    expect(calls(after, 'tracehook_report_syscall_entry')).toBe(1);
    expect(after.broken.map((b) => b.property)).toEqual(['two-phase-equivalent']);
  });

  it('found by the model: PTRACE_SYSEMU set at the seccomp stop is not seen by phase 2, and the syscall runs', () => {
    const single = runOf('v3.13', 'syscall', ['SECCOMP'], [{ at: 2, id: 'PTRACE_SYSEMU' }], {
      seccomp: 'trace',
    });
    expect(single.run.fired).toEqual([{ at: 2, id: 'PTRACE_SYSEMU' }]);
    expect(notes(single)).toContain('SYSCALL_EMU: the syscall is emulated, not run (ret = -1)');
    const split = runOf('v3.18', 'syscall', ['SECCOMP'], [{ at: 2, id: 'PTRACE_SYSEMU' }], {
      seccomp: 'trace',
    });
    expect(split.run.fired).toEqual([{ at: 2, id: 'PTRACE_SYSEMU' }]);
    expect(notes(split)).toContain('sys_call_table[nr]: the syscall runs');
    expect(split.broken.map((b) => b.property)).toEqual(['two-phase-equivalent']);
  });
});

describe('seed 002: PATCH 07/12 and the BUG in __audit_syscall_entry (December 2015)', () => {
  it('the posted patch hits the BUG through tracesys and phase 2, for any syscall of an audited task', () => {
    const x = runOf('v4.4-ptregs-rfc', 'syscall', ['SYSCALL_AUDIT']);
    expect(x.run.outcome).toBe('bug');
    expect(x.run.stopped?.at).toBe('__audit_syscall_entry');
    // The seed's call trace, innermost last: tracesys -> syscall_trace_enter_phase2 -> do_audit_syscall_entry.
    const last = x.run.trace[x.run.trace.length - 1];
    expect(last?.state.label).toBe('tracesys_phase2');
    expect(last?.calls.map((c) => c.fn)).toEqual(['syscall_trace_enter_phase2', 'do_audit_syscall_entry']);
    expect(x.broken.map((b) => b.property).sort()).toEqual([
      'audit-balanced',
      'entry-work-once',
      'two-phase-equivalent',
    ]);
  });

  it('kernel-facts.md §5 reconstruction refuted: the stub is never reached with AUDIT set; without it the stub path is harmless', () => {
    const audited = runOf('v4.4-ptregs-rfc', 'syscall', ['SYSCALL_AUDIT'], [], { kind: 'fork' });
    expect(labels(audited)).not.toContain('stub_ptregs_64');
    expect(audited.run.outcome).toBe('bug');
    const plain = runOf('v4.4-ptregs-rfc', 'syscall', [], [], { kind: 'fork' });
    expect(labels(plain)).toEqual(
      expect.arrayContaining(['stub_ptregs_64', 'tracesys', 'tracesys_phase2', 'stub_clone']),
    );
    expect(plain.broken).toEqual([]);
  });

  it('the patch as merged (302f5b260c32) audits once and sends fast-path ptregs calls to the slow path', () => {
    const merged = 'v4.6-pre-302f5b260c32';
    const x = runOf(merged, 'syscall', ['SYSCALL_AUDIT']);
    expect(x.run.outcome).toBe('returned');
    expect(calls(x, 'do_audit_syscall_entry')).toBe(1);
    const fork = runOf(merged, 'syscall', [], [], { kind: 'fork' });
    expect(labels(fork).filter((l) => l === 'stub_ptregs_64')).toHaveLength(2);
    expect(labels(fork)).toContain('tracesys');
    expect(fork.run.trace.flatMap((e) => e.calls).find((c) => c.fn === 'sys_clone')?.fullFrame).toBe(true);
  });

  it('released 4.5 has none of it; 4.6 sends a fast-path fork to the C slow path with IRQs off', () => {
    const old = runOf('v4.5', 'syscall', [], [], { kind: 'fork' });
    expect(labels(old)).not.toContain('stub_ptregs_64');
    expect(labels(old)).toContain('stub_clone');
    const fork = runOf('v4.6', 'syscall', [], [], { kind: 'fork' });
    const at = (l: string) => fork.run.trace.find((e) => e.state.label === l);
    expect(labels(fork)).toEqual(
      expect.arrayContaining(['stub_ptregs_64', 'entry_SYSCALL64_slow_path', 'do_syscall_64']),
    );
    expect(labels(fork)).not.toContain('tracesys');
    expect(at('entry_SYSCALL64_slow_path')?.state.irqs).toBe(false);
    expect(fork.run.trace.flatMap((e) => e.calls).find((c) => c.fn === 'sys_clone')?.fullFrame).toBe(true);
  });

  it('iopl: a fast-path SYSRET in 4.5 (R11 from the saved flags), the slow path and IRET in 4.6', () => {
    const old = runOf('v4.5', 'syscall', [], [], { kind: 'iopl' });
    expect(old.run.returned?.via).toBe('SYSRET');
    expect(old.broken).toEqual([]);
    const now = runOf('v4.6', 'syscall', [], [], { kind: 'iopl' });
    expect(labels(now)).toContain('stub_ptregs_64');
    expect(now.run.returned?.via).toBe('IRET');
    expect(notes(now).join('\n')).toContain('R11 == RFLAGS fails');
  });
});

describe('CVE-2014-4699 (kernel-facts.md §6): a ptrace stop in fork, then SYSRET', () => {
  it('v3.13 leaves by SYSRET after the tracer may have rewritten pt_regs; v3.18 by IRET', () => {
    const events = [{ at: 3, id: 'PTRACE_CONT' }];
    const before = runOf('v3.13', 'syscall', [], events, { kind: 'fork' });
    expect(before.run.fired).toEqual(events);
    expect(before.run.returned?.via).toBe('SYSRET');
    expect(before.broken.map((b) => b.property)).toEqual(['exit-full-frame']);
    const after = runOf('v3.18', 'syscall', [], events, { kind: 'fork' });
    expect(after.run.fired).toEqual(events);
    expect(notes(after)).toContain('arch_ptrace_stop_needed(): TIF_NOTIFY_RESUME set, for the IRET path');
    expect(after.run.returned?.via).toBe('IRET');
    expect(after.broken).toEqual([]);
  });
});

describe('generic entry: the single-step trap after a syscall (5.11-rc1, 299155244770 and its fix)', () => {
  // The report: a tracer stops the task at a syscall's entry with PTRACE_SYSCALL, then resumes it
  // with PTRACE_SINGLESTEP and expects a trap when the syscall returns (rr, Kyle Huey).
  const rr = (kernel: KernelId) =>
    runOf(kernel, 'syscall', [], [{ at: 3, id: 'PTRACE_SINGLESTEP' }], { work: ['SYSCALL_TRACE'] });

  for (const id of ['v5.11-rc1', 'v5.11-pre-41c1a06d1d15'] as const)
    it(`${id} returns without the trap: the step request left no syscall_work bit, so syscall_exit_work never runs`, () => {
      const x = rr(id);
      expect(x.run.fired.map((e) => e.id)).toEqual(['PTRACE_SINGLESTEP']);
      expect(calls(x, 'syscall_exit_work')).toBe(0);
      expect(x.broken.map((b) => b.property)).toEqual(['exit-trace-once']);
    });

  it('a single-stepped task with audit opens the gate: rc1 still loses the trap (its test wants SYSCALL_EMU), 41c1a06d1d15 and 5.11 do not', () => {
    const audited = (kernel: KernelId) =>
      runOf(kernel, 'syscall', ['SINGLESTEP'], [], { work: ['SYSCALL_AUDIT'] });
    const rc1 = audited('v5.11-rc1');
    expect(calls(rc1, 'syscall_exit_work')).toBe(1);
    expect(notes(rc1)).toContain(
      'single-step not reported: report_single_step returns false without SYSCALL_EMU',
    );
    expect(rc1.broken.map((b) => b.property)).toEqual(['exit-trace-once']);
    for (const id of ['v5.11-pre-41c1a06d1d15', 'v5.11'] as const) {
      const x = audited(id);
      expect(notes(x).some((n) => /user_single_step_report forces SIGTRAP/.test(n))).toBe(true);
      expect(x.broken).toEqual([]);
    }
  });

  it('5.11 with the fix: SYSCALL_EXIT_TRAP comes with TIF_SINGLESTEP, and the trap is forced', () => {
    const x = rr('v5.11');
    expect(calls(x, 'syscall_exit_work')).toBe(1);
    expect(notes(x).some((n) => /user_single_step_report forces SIGTRAP/.test(n))).toBe(true);
    expect(x.broken).toEqual([]);
  });
});

describe("generic entry's compat syscall whose EBP cannot be read (5d5675df792f)", () => {
  const fault = (kernel: KernelId) =>
    runOf(kernel, 'compat-syscall', [], [{ at: 2, id: 'ebp_fetch_fault' }], { work: ['SYSCALL_TRACE'] });

  it('5.11 runs the exit work, the ptrace exit report included, for a syscall whose entry report never came', () => {
    const x = fault('v5.11');
    const fns = x.run.trace.flatMap((e) => e.calls.map((c) => c.fn));
    expect(fns).not.toContain('syscall_trace_enter');
    expect(fns).toContain('syscall_exit_work');
    expect(notes(x)).toContain('ptrace stop (syscall exit report)');
    expect(x.run.returned?.via).toBe('IRET');
    expect(x.broken.map((b) => b.property)).toEqual(['exit-work-after-entry']);
  });

  it('6.14 leaves by irqentry_exit_to_user_mode: no syscall exit work, IRET', () => {
    const x = fault('v6.14');
    expect(calls(x, 'syscall_exit_work')).toBe(0);
    expect(x.run.returned?.via).toBe('IRET');
    expect(x.broken).toEqual([]);
  });
});

describe('v4.8: one syscall_trace_enter again, ptrace before seccomp (93e35efb8de4)', () => {
  it('reports the entry to the tracer first, then a seccomp ERRNO skips the tracepoint and audit entry', () => {
    const x = runOf(
      'v4.8',
      'syscall',
      ['SYSCALL_TRACE', 'SECCOMP', 'SYSCALL_AUDIT', 'SYSCALL_TRACEPOINT'],
      [],
      {
        seccomp: 'errno',
      },
    );
    const fns = x.run.trace.flatMap((e) => e.calls.map((c) => c.fn));
    expect(fns.indexOf('tracehook_report_syscall_entry')).toBeLessThan(fns.indexOf('__secure_computing'));
    expect(fns).not.toContain('do_audit_syscall_entry');
    expect(notes(x)).not.toContain('trace_sys_enter');
    // v4.4's phase 1 runs seccomp first and carries on: audit entry still runs.
    const before = runOf(
      'v4.4',
      'syscall',
      ['SYSCALL_TRACE', 'SECCOMP', 'SYSCALL_AUDIT', 'SYSCALL_TRACEPOINT'],
      [],
      {
        seccomp: 'errno',
      },
    );
    expect(before.run.trace.flatMap((e) => e.calls.map((c) => c.fn))).toContain('do_audit_syscall_entry');
  });
});
