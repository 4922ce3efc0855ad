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
  let q = auditSyscallExit(
    note(called(p, 'syscall_trace_leave', true), 'syscall_trace_leave(regs)'),
    ctx,
    'audit_syscall_exit',
  );
  const f = q.s.flags;
  if (f & ctx.bit('SYSCALL_TRACEPOINT')) {
    q = note(update(q, { done: countDone(q.s.done, EXIT_TRACEPOINT) }), 'trace_sys_exit');
  }
  const step = (f & ctx.bit('SINGLESTEP')) !== 0 && (f & ctx.bit('SYSCALL_EMU')) === 0;
  if ((f & ctx.bit('SINGLESTEP')) !== 0 && !step) q = note(q, 'SINGLESTEP ignored: SYSCALL_EMU is set');
  if (step) {
    return [
      note(
        update(q, { flags: (f | ctx.bit('SIGPENDING')) >>> 0, done: countDone(q.s.done, EXIT_REPORT) }),
        'single-step: SIGTRAP forced (SIGPENDING set)',
      ),
    ];
  }
  if (f & ctx.bit('SYSCALL_TRACE')) {
    return ptraceStop(update(q, { done: countDone(q.s.done, EXIT_REPORT) }), ctx, 'syscall exit report');
  }
  return [q];
}
