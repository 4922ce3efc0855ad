import { describe, expect, it } from 'vitest';
import { explainRun } from '../src/check/explain.js';
import { kernelSubject } from '../src/check/subject.js';
import { decompose } from '../src/flags/decompose.js';
import { unwrap } from '../src/flags/errors.js';
import type { KernelId } from '../src/kernels/kernelId.js';
import type { PathId } from '../src/kernels/pathId.js';
import { getKernel } from '../src/kernels/registry.js';
import { rootOf } from '../src/model/root.js';
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
) {
  const subject = unwrap(kernelSubject(getKernel(kernel)), kernel);
  const bit = (n: string) => subject.input.table.bitOf.get(n) ?? -1;
  const value = flags.reduce((v, f) => (v | (1 << bit(f))) >>> 0, 0);
  return unwrap(explainRun(subject, path, rootOf(value), events, Object.values(PROPERTIES)), 'run');
}
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
    expect(runOf('v3.14', 'syscall-exit', ['UPROBE']).run.outcome).toBe('returned');
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
      [{ at: 2, id: 'uprobe_deny_signal' }],
    );
    expect(x.run.fired).toEqual([{ at: 2, id: 'uprobe_deny_signal' }]);
    expect(x.broken.map((b) => b.property)).toEqual(['exit-work-delivered']);
    // v3.14's fix (UPROBE in DO_NOTIFY, no workaround) delivers it.
    const fixed = runOf(
      'v3.14',
      'exception-exit',
      ['NOTIFY_RESUME', 'SIGPENDING'],
      [{ at: 2, id: 'uprobe_deny_signal' }],
    );
    expect(fixed.broken).toEqual([]);
  });
});
