import type { ModelContext } from '../context.js';
import { called, note, noteWith, type Pending } from '../pending.js';
import { auditSyscallExit } from './auditExit.js';
import { notifyWork } from './doNotifyResume.js';
import { schedule } from './schedule.js';
import { exitReport } from './syscallTraceLeave.js';

/**
 * syscall_slow_exit_work(regs, cached_flags) of 4.4 (arch/x86/entry/common.c, read for this
 * project): audit exit; the exit tracepoint if the snapshot has SYSCALL_TRACEPOINT; a single-step
 * SIGTRAP when the snapshot has SINGLESTEP without SYSCALL_EMU, else a ptrace exit stop for
 * SYSCALL_TRACE. Unlike 3.x syscall_trace_leave it reads the snapshot, not the live flags.
 */
export function syscallSlowExitWork<L extends string>(
  p: Pending<L>,
  ctx: ModelContext,
  cached: number,
): Pending<L>[] {
  const q = auditSyscallExit(
    note(called(p, 'syscall_slow_exit_work', true), () => `syscall_slow_exit_work(regs, ${ctx.fmt(cached)})`),
    ctx,
    'audit_syscall_exit',
  );
  return exitReport(
    q,
    ctx,
    cached,
    'tracehook_report_syscall_exit(regs, step): SIGTRAP forced (SIGPENDING set)',
  );
}

/**
 * One pass of exit_to_usermode_loop's body (4.4), IRQs on, on the flags it last read: schedule()
 * for NEED_RESCHED, then the kernel's callees for UPROBE, SIGPENDING, NOTIFY_RESUME and
 * USER_RETURN_NOTIFY, each only if the snapshot has its flag.
 */
export function exitLoopWork<L extends string>(
  p: Pending<L>,
  ctx: ModelContext,
  cached: number,
): Pending<L>[] {
  const start = noteWith(called(p, 'exit_to_usermode_loop', true), lapNote, cached, ctx, undefined);
  if ((cached & ctx.bit('NEED_RESCHED')) === 0) return notifyWork(start, ctx, cached);
  const out: Pending<L>[] = [];
  for (const q of schedule(start, ctx)) for (const r of notifyWork(q, ctx, cached)) out.push(r);
  return out;
}

const lapNote = (cached: number, ctx: ModelContext): string =>
  `exit_to_usermode_loop: cached_flags = ${ctx.fmt(cached)}`;
