import type { SyscallEntry } from '../../../kernels/behaviour/types.js';
import type { ModelContext } from '../../context.js';
import { syscallBody } from '../../handlers/syscallBody.js';
import {
  entryReportStep,
  seccompStep,
  syscallExitWork,
  type TraceEnterNames,
  type TraceEnterNext,
  traceEnterStart,
} from '../../handlers/syscallWork.js';
import type { DeadField } from '../../machine.js';
import { called, goto, irqsOff, note, type Pending, update } from '../../pending.js';
import type { Root } from '../../root.js';
import type { Branch } from '../../transition.js';
import type { Arm } from '../arms.js';
import { owedAt } from '../readFlags.js';
import { bodyDone, kindOf } from '../wholeSyscall.js';
import { exitToUserModeLoop, exitToUserModePrepare } from './exitLoop.js';

/**
 * What a generic-entry syscall does between its entry and its return instruction, the same for
 * the 64-bit entry (do_syscall_64) and the compat one (__do_fast_syscall_32): both call
 * syscall_enter_from_user_mode's work (syscall_trace_enter), their table, and
 * syscall_exit_to_user_mode (kernel/entry/common.c, 5.10/5.11, read for this project). Only the
 * table's name and the return differ, so the machines pass their labels and their `leave`.
 */
export interface GenericSyscallNames<L extends string> {
  readonly traceEnter: L;
  readonly report: L;
  readonly seccomp: L;
  readonly table: L;
  readonly exit: L;
  readonly prepare: L;
  readonly loop: L;
  /** What the caller of the table is, in traces. */
  readonly caller: string;
}

/**
 * The dead fields of a generic whole syscall's labels. ti_work is read afresh by
 * exit_to_user_mode_prepare, and only the loop uses the value it was given. syscall_work is read
 * on the way out once, by the syscall exit work (syscall_exit_to_user_mode_prepare in 5.11's and
 * 6.14's kernel/entry/common.c, syscall_exit_to_user_mode_work in 6.19's and 7.1.3's
 * include/linux/entry-common.h; the exit loop and its prepare step read it in none of those
 * trees), so from exit_to_user_mode_prepare on it only waits for the next syscall.
 */
export function genericSyscallDead<L extends string>(
  labels: readonly L[],
  n: GenericSyscallNames<L>,
): Partial<Record<L, readonly DeadField[]>> {
  const deadAt = (label: L): readonly DeadField[] =>
    label === n.loop ? ['syscallWork'] : label === n.prepare ? ['work', 'syscallWork'] : ['work'];
  return Object.fromEntries(labels.map((label) => [label, deadAt(label)])) as Partial<
    Record<L, readonly DeadField[]>
  >;
}

export const ENTER = 'SYSCALL_WORK_ENTER';
export const EXIT = 'SYSCALL_WORK_EXIT';

/**
 * What the syscall functions need of pt_regs, as in 4.4 (clone copies it to the child,
 * rt_sigreturn restores it); every syscall finds it whole in this era.
 */
const FRAME_NEEDS: SyscallEntry['frameNeeds'] = { fork: 'full', rt_sigreturn: 'full' };

const NAMES: TraceEnterNames = { report: 'ptrace_report_syscall_entry', audit: 'syscall_enter_audit' };

/**
 * ti->syscall_work as a syscall finds it: the root's modes, and what user_enable_single_step set
 * there along with TIF_SINGLESTEP for a task being single-stepped.
 */
export function workAtEntry(ctx: ModelContext, root: Root): number {
  const stepping = (root.flags & ctx.bit('SINGLESTEP')) !== 0;
  const stepWork = (ctx.input.behaviour.singleStep?.work ?? []).reduce((v, n) => v | ctx.workBit(n), 0);
  return (root.work | (stepping ? stepWork : 0)) >>> 0;
}

/** syscall_enter_from_user_mode: IRQs on, syscall_work read once; its entry bits call syscall_trace_enter. */
export function enterFromUserMode<L extends string>(
  p: Pending<L>,
  ctx: ModelContext,
  n: GenericSyscallNames<L>,
  how: string,
): Branch<L>[] {
  const work = p.s.syscallWork;
  const q = note(update(p, { entryFlags: work }), () => `${how}; work = syscall_work = ${ctx.fmtWork(work)}`);
  const enter = (work & ctx.mask(ENTER)) >>> 0;
  return enter === 0
    ? [goto(note(q, 'work & SYSCALL_WORK_ENTER = 0'), n.table)]
    : [
        goto(
          note(q, () => `work & SYSCALL_WORK_ENTER = ${ctx.fmtWork(enter)}`),
          n.traceEnter,
        ),
      ];
}

export function genericSyscallArms<L extends string>(
  n: GenericSyscallNames<L>,
  leave: (q: Pending<L>, ctx: ModelContext) => Branch<L>[],
): Record<'traceEnter' | 'report' | 'seccomp' | 'table' | 'exit' | 'prepare' | 'loop', Arm<L>> {
  const to: Record<TraceEnterNext, L> = { report: n.report, seccomp: n.seccomp, done: n.table };
  const onward = (x: { p: Pending<L>; next: TraceEnterNext }): Branch<L> => goto(x.p, to[x.next]);
  return {
    traceEnter: (s, p, ctx) => {
      const work = s.entryFlags;
      const q = note(
        called(p, 'syscall_trace_enter', true),
        () => `syscall_trace_enter(regs, nr, ${ctx.fmtWork(work)})`,
      );
      return [onward(traceEnterStart(q, ctx, work, NAMES))];
    },
    report: (s, p, ctx) => entryReportStep(p, ctx, s.entryFlags, NAMES).map(onward),
    seccomp: (s, p, ctx) => seccompStep(p, ctx, s.entryFlags, NAMES).map((q) => goto(q, n.table)),
    table: (s, p, ctx) => {
      if (s.nrSkip) return [bodyDone(note(p, `${n.caller}: nr = -1, no syscall runs`), n.exit)];
      return syscallBody(note(p, `${n.caller}: ${n.table}[nr](regs)`), ctx, kindOf(s), FRAME_NEEDS).map((b) =>
        bodyDone(b, n.exit),
      );
    },
    exit: (s, p, ctx) => {
      const work = s.syscallWork;
      // The exit's first look at the modes fixes the exit work it owes.
      const q = note(
        update(called(p, 'syscall_exit_to_user_mode', true), { owed: owedAt(ctx, s), sampled: true }),
        () => `syscall_exit_to_user_mode_prepare: work = syscall_work = ${ctx.fmtWork(work)}`,
      );
      const exit = (work & ctx.mask(EXIT)) >>> 0;
      const ps = exit !== 0 ? syscallExitWork(q, ctx, work) : [note(q, 'work & SYSCALL_WORK_EXIT = 0')];
      return ps.map((r) => goto(note(irqsOff(r), 'local_irq_disable_exit_to_user()'), n.prepare));
    },
    prepare: (_s, p, ctx) => exitToUserModePrepare(p, ctx, n.loop, leave, true),
    loop: (s, p, ctx) => exitToUserModeLoop(s, p, ctx, leave),
  };
}
