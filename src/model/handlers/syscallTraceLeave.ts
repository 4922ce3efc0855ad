import type { ModelContext } from '../context.js';
import { called, note, type Pending, update } from '../pending.js';
import { countDone, EXIT_REPORT, EXIT_TRACEPOINT } from '../state.js';
import { auditSyscallExit } from './auditExit.js';
import { ptraceStop } from './ptraceStop.js';

/**
 * syscall_trace_leave(regs), 3.x: audit exit; the exit tracepoint if SYSCALL_TRACEPOINT; then, with
 * step = SINGLESTEP && !SYSCALL_EMU (live flags), a SIGTRAP for a step or a ptrace exit stop for
 * SYSCALL_TRACE. It clears nothing: every flag it reads is sticky (kernel-facts.md §4).
 */
export function syscallTraceLeave<L extends string>(p: Pending<L>, ctx: ModelContext): Pending<L>[] {
  const q = auditSyscallExit(
    note(called(p, 'syscall_trace_leave', true), 'syscall_trace_leave(regs)'),
    ctx,
    'audit_syscall_exit',
  );
  return exitReport(q, ctx, q.s.flags, 'single-step: SIGTRAP forced (SIGPENDING set)');
}

/**
 * What follows the audit exit in both eras, on the flags `f` they read (3.x's syscall_trace_leave
 * the live flags, 4.4's syscall_slow_exit_work its snapshot): the exit tracepoint for
 * SYSCALL_TRACEPOINT; then step = SINGLESTEP && !SYSCALL_EMU forces a SIGTRAP, or else
 * SYSCALL_TRACE makes a ptrace exit stop (kernel-facts.md §4).
 */
export function exitReport<L extends string>(
  p: Pending<L>,
  ctx: ModelContext,
  f: number,
  sigtrap: string,
): Pending<L>[] {
  let q = p;
  if (f & ctx.bit('SYSCALL_TRACEPOINT')) {
    q = note(update(q, { done: countDone(q.s.done, EXIT_TRACEPOINT) }), 'trace_sys_exit');
  }
  const step = (f & ctx.bit('SINGLESTEP')) !== 0 && (f & ctx.bit('SYSCALL_EMU')) === 0;
  if ((f & ctx.bit('SINGLESTEP')) !== 0 && !step) q = note(q, 'SINGLESTEP ignored: SYSCALL_EMU is set');
  if (step) return [stepTrap(q, ctx, sigtrap)];
  if (f & ctx.bit('SYSCALL_TRACE')) {
    return ptraceStop(update(q, { done: countDone(q.s.done, EXIT_REPORT) }), ctx, 'syscall exit report');
  }
  return [q];
}

/**
 * The single-step report of a syscall's exit: a SIGTRAP forced on the task (SIGPENDING set),
 * counted as the exit report (kernel-facts.md §4; every era).
 */
export function stepTrap<L extends string>(p: Pending<L>, ctx: ModelContext, what: string): Pending<L> {
  return note(
    update(p, { flags: (p.s.flags | ctx.bit('SIGPENDING')) >>> 0, done: countDone(p.s.done, EXIT_REPORT) }),
    what,
  );
}
