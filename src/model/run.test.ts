import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { getKernel } from '../kernels/registry.js';
import { makeContext } from './context.js';
import { contextOfKernel } from './fromKernel.js';
import { anyMachine } from './machine.js';
import { asmInterruptExit } from './machines/asm3x/retint.js';
import { asmSyscallExit } from './machines/asm3x/syscallExit.js';
import { withoutNotes } from './pending.js';
import { run } from './run.js';

const ctx = makeContext(contextOfKernel(getKernel('v3.13')).input, 'syscall-exit');
const syscall = anyMachine(asmSyscallExit);
const UPROBE = ctx.bit('UPROBE');

describe('run', () => {
  it('should report a lasso where the state repeats, and where the cycle starts', () => {
    const r = run(syscall, ctx, UPROBE);
    expect(r.outcome).toBe('livelock');
    expect(r.cycleStart).toBe(6);
    expect(r.trace[r.cycleStart ?? 0]?.state.label).toBe('int_restore_rest');
  });

  it('should not call a loop a livelock while an event is still to come', () => {
    // The UPROBE loop passes the same states from step 6 on, but a signal is due at step 22 (in
    // int_check_syscall_exit_work, IRQs on): SIGPENDING takes the loop into do_notify_resume, whose
    // argument also holds UPROBE, and the exit returns.
    const r = run(syscall, ctx, UPROBE, [{ at: 22, id: 'signal_wake_up' }]);
    expect(r.fired).toEqual([{ at: 22, id: 'signal_wake_up' }]);
    expect(r.outcome).toBe('returned');
  });

  it('should fire an IRQ event at the first step at or after its own where it can act', () => {
    // Steps 20 and 21 (int_restore_rest, int_with_check) run with IRQs off; step 22 has them on.
    const r = run(syscall, ctx, UPROBE, [{ at: 20, id: 'signal_wake_up' }]);
    expect(r.fired).toEqual([{ at: 22, id: 'signal_wake_up' }]);
    expect(r.outcome).toBe('returned');
  });

  it('should drop an IRQ event that finds IRQs off from its step to the end', () => {
    const irq = makeContext(contextOfKernel(getKernel('v3.13')).input, 'interrupt-exit');
    const r = run(anyMachine(asmInterruptExit), irq, 0, [{ at: 1, id: 'resched_ipi' }]);
    expect(r.fired).toEqual([]);
    expect(r.outcome).toBe('returned');
  });

  it('should stop at the step limit and say so, rather than guess', () => {
    const r = run(syscall, ctx, UPROBE, [{ at: 1000, id: 'signal_wake_up' }], 50);
    expect(r.outcome).toBe('step-limit');
    expect(r.trace).toHaveLength(50);
  });

  const inputs = fc.record({
    flags: fc.subarray(['UPROBE', 'SIGPENDING', 'NEED_RESCHED', 'SYSCALL_TRACE', 'SYSCALL_AUDIT', 'NOHZ']),
    events: fc.array(
      fc.record({
        at: fc.nat(30),
        id: fc.constantFrom('signal_wake_up', 'task_work_add', 'PTRACE_SYSEMU', 'urn_moved_here'),
      }),
      { maxLength: 3 },
    ),
  });

  test.prop([inputs])('should be deterministic and leave its inputs unchanged', ({ flags, events }) => {
    const value = flags.reduce((v, f) => v | ctx.bit(f), 0);
    const schedule = [...events].sort((a, b) => a.at - b.at);
    const copy = JSON.stringify(schedule);
    const a = run(syscall, ctx, value, schedule);
    const b = run(syscall, ctx, value, schedule);
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
    expect(JSON.stringify(schedule)).toBe(copy);
  });

  test.prop([inputs])('should run the same without notes, only without them', ({ flags, events }) => {
    const value = flags.reduce((v, f) => v | ctx.bit(f), 0);
    const schedule = [...events].sort((a, b) => a.at - b.at);
    const noted = run(syscall, ctx, value, schedule);
    const quiet = run(syscall, ctx, value, schedule, undefined, false);
    expect(noted.trace.some((t) => t.notes.length > 0)).toBe(true);
    expect(quiet.trace.every((t) => t.notes.length === 0)).toBe(true);
    const bare = (r: typeof noted) =>
      JSON.stringify({ ...r, trace: r.trace.map((t) => ({ ...t, notes: [] })) });
    expect(bare(quiet)).toBe(bare(noted));
    // And notes are back on afterwards.
    expect(run(syscall, ctx, value, schedule)).toEqual(noted);
  });

  it('should turn notes back on when a run without them throws', () => {
    expect(() =>
      withoutNotes(() => {
        throw new Error('inside');
      }),
    ).toThrow('inside');
    expect(run(syscall, ctx, UPROBE).trace[0]?.notes.length).toBeGreaterThan(0);
  });

  test.prop([inputs])(
    'should only fire events that were scheduled, each once, at or after its step',
    ({ flags, events }) => {
      const r = run(
        syscall,
        ctx,
        flags.reduce((v, f) => v | ctx.bit(f), 0),
        [...events].sort((a, b) => a.at - b.at),
      );
      const unused = [...events];
      for (const e of r.fired) {
        const i = unused.findIndex((s) => s.id === e.id && s.at <= e.at);
        expect(i, `${e.id}@${e.at} was not scheduled at or before step ${e.at}`).toBeGreaterThanOrEqual(0);
        unused.splice(i, 1);
      }
    },
  );
});
