import { describe, expect, it } from 'vitest';
import { getKernel } from '../kernels/registry.js';
import { makeContext, syscallWorkUnread } from './context.js';
import { contextOfKernel } from './fromKernel.js';
import { initialState } from './machine.js';
import { genericSyscall } from './machines/generic/syscall.js';
import { hasEffect } from './pending.js';
import { changed } from './state.js';

const ctx = makeContext(contextOfKernel(getKernel('v6.14')).input, 'syscall');
const setter = (id: string) => {
  const cs = ctx.setters.find((c) => c.id === id);
  if (cs === undefined) throw new Error(`no setter ${id}`);
  return cs;
};

describe('syscall_work where it is dead (Machine.deadFields)', () => {
  it('should count a change to syscall_work as an effect only while it can be read', () => {
    const s = initialState('exit_to_user_mode_loop', 0, {
      irqs: true,
      fullFrame: true,
      topOfStack: true,
      auditInSyscall: false,
    });
    const enable = setter('tracepoint_enable');
    expect(enable.workSets).not.toBe(0);
    expect(enable.sets | enable.clears).toBe(0);
    expect(hasEffect(s, enable)).toBe(true);
    expect(hasEffect(s, enable, false)).toBe(false);
    expect(hasEffect(s, setter('signal_wake_up'), false)).toBe(true);
    expect(syscallWorkUnread(ctx).syscallWorkRead).toBe(false);
    expect(syscallWorkUnread(ctx)).toBe(syscallWorkUnread(ctx));
  });

  it("should give a tracer's stop in the exit loop the same branches whatever syscall_work holds", () => {
    // A signal's delivery stop with pt_regs already written: PTRACE_CONT changes only syscall_work
    // (it clears the syscall modes), which nothing reads before the next syscall.
    const sig = ctx.bit('SIGPENDING');
    const s = changed(
      initialState('exit_to_user_mode_loop', sig, {
        irqs: false,
        fullFrame: true,
        topOfStack: true,
        auditInSyscall: false,
      }),
      { work: sig, sampled: true, regsChanged: true },
    );
    const traced = changed(s, { syscallWork: setter('PTRACE_CONT').workClears });
    const events = (x: typeof s) =>
      genericSyscall.step(x, ctx).map((b) => b.events.map((e) => e.id).join(','));
    expect(events(s).length).toBeGreaterThan(1);
    expect(events(traced)).toEqual(events(s));
  });
});
