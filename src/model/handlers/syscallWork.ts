import type { ModelContext } from '../context.js';
import { called, note, type Pending, update } from '../pending.js';
import {
  countDone,
  countEntry,
  ENTRY_REPORT,
  ENTRY_TRACEPOINT,
  EXIT_REPORT,
  EXIT_TRACEPOINT,
} from '../state.js';
import { auditSyscallEntry } from './auditEntry.js';
import { auditSyscallExit } from './auditExit.js';
import { entryStop } from './entryStop.js';
import { ptraceStop } from './ptraceStop.js';
import { stepTrap } from './syscallTraceLeave.js';

/**
 * The syscall work of generic entry (kernel/entry/common.c; the 5.10 file read for this project,
 * which has the 5.11 order with ti->flags where 5.11 reads ti->syscall_work): every decision reads
 * the syscall_work snapshot `work` the caller took once, except audit, which asks whether the task
 * has an audit context (SYSCALL_AUDIT stands for it).
 */

/** Whether a syscall_work snapshot has a flag. */
export const has = (ctx: ModelContext, work: number, name: string): boolean =>
  (work & ctx.workBit(name)) !== 0;

/**
 * syscall_trace_enter's ptrace part: the entry report for SYSCALL_TRACE or SYSCALL_EMU, a stop of
 * its own (ptrace_report_syscall_entry; tracehook_report_syscall_entry until 5.18). With
 * SYSCALL_EMU the function then returns -1: no seccomp, tracepoint or audit.
 */
export function genericEntryReport<L extends string>(
  p: Pending<L>,
  ctx: ModelContext,
  work: number,
): { p: Pending<L>; emulated: boolean }[] {
  const r = update(called(p, 'ptrace_report_syscall_entry', true), {
    entry: countEntry(p.s.entry, ENTRY_REPORT),
  });
  const emulated = has(ctx, work, 'SYSCALL_EMU');
  return entryStop(r, ctx, 'syscall entry report').map((q) =>
    emulated
      ? {
          p: note(
            update(q, { nrSkip: true }),
            'SYSCALL_EMU: syscall_trace_enter returns -1, nothing else runs',
          ),
          emulated,
        }
      : { p: q, emulated },
  );
}

/** The end of syscall_trace_enter: the tracepoint, then audit entry (if the task has a context). */
export function genericEntryTail<L extends string>(
  p: Pending<L>,
  ctx: ModelContext,
  work: number,
): Pending<L> {
  let q = p;
  if (has(ctx, work, 'SYSCALL_TRACEPOINT'))
    q = note(update(q, { entry: countEntry(q.s.entry, ENTRY_TRACEPOINT) }), 'trace_sys_enter');
  return auditSyscallEntry(q, ctx, 'syscall_enter_audit');
}

/**
 * syscall_exit_work(regs, work), run once when `work` has a bit of SYSCALL_WORK_EXIT: audit exit,
 * the exit tracepoint, then the single-step trap or the ptrace exit report. Which single-step test
 * the kernel makes is its `singleStep.report`: SYSCALL_EXIT_TRAP in `work` (5.11), or the live
 * TIF_SINGLESTEP (5.11-rc1); SYSCALL_EMU suppresses it either way.
 */
export function syscallExitWork<L extends string>(
  p: Pending<L>,
  ctx: ModelContext,
  work: number,
): Pending<L>[] {
  let q = auditSyscallExit(
    note(called(p, 'syscall_exit_work', true), () => `syscall_exit_work(regs, ${ctx.fmtWork(work)})`),
    ctx,
    'audit_syscall_exit',
  );
  if (has(ctx, work, 'SYSCALL_TRACEPOINT'))
    q = note(update(q, { done: countDone(q.s.done, EXIT_TRACEPOINT) }), 'trace_sys_exit');
  const report = ctx.input.behaviour.singleStep?.report ?? 'exit-trap';
  const stepping =
    report === 'exit-trap' ? has(ctx, work, 'SYSCALL_EXIT_TRAP') : (q.s.flags & ctx.bit('SINGLESTEP')) !== 0;
  const step = stepping && !has(ctx, work, 'SYSCALL_EMU');
  if (stepping && !step) q = note(q, 'single-step not reported: SYSCALL_EMU is set');
  if (step)
    return [
      stepTrap(
        q,
        ctx,
        'ptrace_report_syscall_exit(regs, step): user_single_step_report forces SIGTRAP (SIGPENDING set)',
      ),
    ];
  if (has(ctx, work, 'SYSCALL_TRACE'))
    return ptraceStop(update(q, { done: countDone(q.s.done, EXIT_REPORT) }), ctx, 'syscall exit report');
  return [q];
}
