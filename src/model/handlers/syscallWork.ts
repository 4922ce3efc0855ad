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
import { runFilter, seccompTraceStop } from './seccomp.js';
import { stepTrap } from './syscallTraceLeave.js';

/**
 * The single-phase, ptrace-first syscall_trace_enter of ~4.8 to 5.10 (arch/x86/entry/common.c)
 * and of generic entry (kernel/entry/common.c; the 5.10 file read for this project has the 5.11
 * order with ti->flags where 5.11 reads ti->syscall_work): the entry report for SYSCALL_TRACE or
 * SYSCALL_EMU, then seccomp, the tracepoint and audit entry. Every decision reads the snapshot
 * `work` the caller took once, of the word the kernel keeps its syscall modes in; audit asks
 * whether the task has an audit context (SYSCALL_AUDIT stands for it). Each ptrace stop is a step
 * of its own, so the machines call these pieces from their labels.
 */

/** The names the era gives the entry report and the audit entry call. */
export interface TraceEnterNames {
  readonly report: string;
  readonly audit: string;
}

/** Whether a snapshot of the syscall modes' word (syscall_work from 5.11, else ti->flags) has a flag. */
export const has = (ctx: ModelContext, work: number, name: string): boolean =>
  (work & (ctx.input.workTable === undefined ? ctx.bit(name) : ctx.workBit(name))) !== 0;

/** Where syscall_trace_enter goes next: its entry report, seccomp, or back to the dispatch. */
export type TraceEnterNext = 'report' | 'seccomp' | 'done';

/** syscall_trace_enter from its start: the report, or seccomp, or the tail at once. */
export function traceEnterStart<L extends string>(
  p: Pending<L>,
  ctx: ModelContext,
  work: number,
  names: TraceEnterNames,
): { p: Pending<L>; next: TraceEnterNext } {
  const q = has(ctx, work, 'SYSCALL_RSEQ_SLICE') ? rseqSliceEntry(p, ctx) : p;
  if (has(ctx, work, 'SYSCALL_TRACE') || has(ctx, work, 'SYSCALL_EMU')) return { p: q, next: 'report' };
  return afterPtrace(q, ctx, work, names);
}

/**
 * 7.0+, after the user dispatch (not modelled) and before ptrace: rseq_syscall_enter_work ends a
 * slice extension the exit granted (the syscall is its end, rseq_slice_yield or not): the work bit
 * and the grant cleared, its timer cancelled, and NEED_RESCHED set so that the exit reschedules.
 */
function rseqSliceEntry<L extends string>(p: Pending<L>, ctx: ModelContext): Pending<L> {
  const slice = ctx.workBit('SYSCALL_RSEQ_SLICE');
  return note(
    update(called(p, 'rseq_syscall_enter_work', false), {
      syscallWork: (p.s.syscallWork & ~slice) >>> 0,
      flags: (p.s.flags | ctx.bit('NEED_RESCHED')) >>> 0,
      sliceGranted: false,
    }),
    'rseq_syscall_enter_work: the slice extension ends, SYSCALL_RSEQ_SLICE cleared, NEED_RESCHED set',
  );
}

function afterPtrace<L extends string>(
  p: Pending<L>,
  ctx: ModelContext,
  work: number,
  names: TraceEnterNames,
): { p: Pending<L>; next: TraceEnterNext } {
  return has(ctx, work, 'SECCOMP')
    ? { p, next: 'seccomp' }
    : { p: entryTail(p, ctx, work, names), next: 'done' };
}

/**
 * The entry report, a ptrace stop; with SYSCALL_EMU the function then returns -1: no seccomp,
 * tracepoint or audit.
 */
export function entryReportStep<L extends string>(
  p: Pending<L>,
  ctx: ModelContext,
  work: number,
  names: TraceEnterNames,
): { p: Pending<L>; next: TraceEnterNext }[] {
  const r = update(called(p, names.report, true), { entry: countEntry(p.s.entry, ENTRY_REPORT) });
  return entryStop(r, ctx, 'syscall entry report').map((q) =>
    has(ctx, work, 'SYSCALL_EMU')
      ? {
          p: note(
            update(q, { nrSkip: true }),
            'SYSCALL_EMU: syscall_trace_enter returns -1, nothing else runs',
          ),
          next: 'done' as const,
        }
      : afterPtrace(q, ctx, work, names),
  );
}

/**
 * __secure_computing: a failure (or the tracer cancelling at its PTRACE_EVENT_SECCOMP stop)
 * returns -1 at once; otherwise the tail. Every branch goes back to the dispatch.
 */
export function seccompStep<L extends string>(
  p: Pending<L>,
  ctx: ModelContext,
  work: number,
  names: TraceEnterNames,
): Pending<L>[] {
  const f = runFilter(p, ctx, '__secure_computing');
  if (f.p.halt !== undefined) return [f.p];
  if (f.result === 'skip') return [note(f.p, 'syscall_trace_enter returns -1: no tracepoint, no audit')];
  if (f.result === 'allow') return [entryTail(f.p, ctx, work, names)];
  return seccompTraceStop(f.p, ctx).map((r) => {
    if (r.halt !== undefined) return r;
    if (r.s.nrSkip) return note(r, 'the tracer cancelled the syscall: __secure_computing returns -1');
    return entryTail(r, ctx, work, names);
  });
}

/** The end of syscall_trace_enter: the tracepoint, then audit entry (if the task has a context). */
function entryTail<L extends string>(
  p: Pending<L>,
  ctx: ModelContext,
  work: number,
  names: TraceEnterNames,
): Pending<L> {
  let q = p;
  if (has(ctx, work, 'SYSCALL_TRACEPOINT'))
    q = note(update(q, { entry: countEntry(q.s.entry, ENTRY_TRACEPOINT) }), 'trace_sys_enter');
  return auditSyscallEntry(q, ctx, names.audit);
}

/**
 * syscall_exit_work(regs, work), run once when `work` has a bit of SYSCALL_WORK_EXIT: audit exit,
 * the exit tracepoint, then the single-step trap or the ptrace exit report. Which single-step test
 * the kernel makes is its `singleStep.report`: SYSCALL_EXIT_TRAP in `work`, unless SYSCALL_EMU
 * (5.11); the live TIF_SINGLESTEP, unless SYSCALL_EMU (41c1a06d1d15, 5.11-rc6); or the live
 * TIF_SINGLESTEP only when SYSCALL_EMU is set (5.11-rc1, the test written the wrong way round).
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
  const emu = has(ctx, work, 'SYSCALL_EMU');
  const step = report === 'emu-and-tif-singlestep' ? stepping && emu : stepping && !emu;
  if (stepping && !step)
    q = note(
      q,
      emu
        ? 'single-step not reported: SYSCALL_EMU is set'
        : 'single-step not reported: report_single_step returns false without SYSCALL_EMU',
    );
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
