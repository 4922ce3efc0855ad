import { andThen } from '../../andThen.js';
import type { ModelContext } from '../../context.js';
import { notifyWork } from '../../handlers/doNotifyResume.js';
import { rearmBeforeLoop, rseqExitStep, scheduleOrGrant } from '../../handlers/rseqExit.js';
import { schedule } from '../../handlers/schedule.js';
import { called, goto, irqsOn, note, noteWith, type Pending } from '../../pending.js';
import type { ModelState } from '../../state.js';
import type { Branch } from '../../transition.js';
import { endOfLap, readFlags } from '../readFlags.js';

/**
 * exit_to_user_mode_prepare and exit_to_user_mode_loop of generic entry (kernel/entry/common.c,
 * 5.10/5.11 read for this project; kernel-facts.md §4), shared by every return of the era: the
 * flags are read with IRQs off into ti_work; while it has a bit of the loop's mask the loop
 * runs a lap with IRQs on and reads them again with IRQs off. Then, once, x86's
 * arch_exit_to_user_mode_prepare handles the flags last read (the user-return notifiers) with
 * IRQs still off. `leave` is what the caller does after that.
 *
 * From 6.19 the loop is an outer loop round that one (the rseq exit step may ask for another
 * round), and from 7.1 the mask tested first is the path's and the deferred hrtimer rearm runs
 * before the loop (handlers/rseqExit.ts).
 */
export const WORK = 'EXIT_TO_USER_MODE_WORK';
const ALL_FLAGS = 0xffffffff;

export type Leave<L extends string> = (q: Pending<L>, ctx: ModelContext) => Branch<L>[];

/**
 * Whether this return goes through the interrupt side of the prepare step (7.1's split): an
 * interrupt or exception return, or the compat syscall's argument fault, which leaves by
 * irqentry_exit_to_user_mode.
 */
export function irqentrySide(s: ModelState, ctx: ModelContext): boolean {
  return (
    ctx.path === 'interrupt-exit' ||
    ctx.path === 'exception-exit' ||
    (s.entrySkipped && ctx.input.behaviour.compatArgFault === 'irqentry-exit')
  );
}

/** The mask the prepare step tests: the path's from 7.1, else EXIT_TO_USER_MODE_WORK. */
export function prepareMask(s: ModelState, ctx: ModelContext): string {
  const m = ctx.input.behaviour.exitMasks;
  if (m === undefined) return WORK;
  return irqentrySide(s, ctx) ? m.irq : m.syscall;
}

/** The mask the (inner) loop tests: EXIT_TO_USER_MODE_WORK, or from 6.19 the one without TIF_RSEQ. */
const loopMask = (ctx: ModelContext): string => ctx.input.behaviour.rseq?.loopMask ?? WORK;

/**
 * exit_to_user_mode_prepare: ti_work read, then the loop if the prepare mask sees work. On a
 * syscall's return (`isSyscall`) a first read of the flags here fixes the exit work owed; an
 * interrupt's or exception's return owes none.
 */
export function exitToUserModePrepare<L extends string>(
  p: Pending<L>,
  ctx: ModelContext,
  loopLabel: L,
  leave: Leave<L>,
  isSyscall: boolean,
): Branch<L>[] {
  const q = readFlags(called(p, 'exit_to_user_mode_prepare', true), ALL_FLAGS, ctx, isSyscall, 'ti_work');
  const name = prepareMask(q.s, ctx);
  const any = (q.s.work & ctx.mask(name)) >>> 0;
  if (any === 0)
    return archPrepare(
      note(q, () => `ti_work & ${name} = 0`),
      ctx,
      leave,
    );
  const r = note(q, () => `ti_work & ${name} = ${ctx.fmt(any)}`);
  const rearmed = rearmBeforeLoop(r, ctx, name);
  if (rearmed.skipLoop) return archPrepare(rearmed.p, ctx, leave);
  return enterLoop(note(rearmed.p, 'exit_to_user_mode_loop(regs, ti_work)'), ctx, loopLabel, leave);
}

/** The inner loop's test on ti_work: a lap with IRQs on, or (6.19+) the rseq exit step. */
function enterLoop<L extends string>(
  q: Pending<L>,
  ctx: ModelContext,
  loopLabel: L,
  leave: Leave<L>,
): Branch<L>[] {
  const name = loopMask(ctx);
  const loop = (q.s.work & ctx.mask(name)) >>> 0;
  if (loop !== 0) {
    return [
      goto(
        note(irqsOn(q), () => `ti_work & ${name} = ${ctx.fmt(loop)}; IRQs on`),
        loopLabel,
      ),
    ];
  }
  return afterInnerLoop(
    note(q, () => `ti_work & ${name} = 0`),
    ctx,
    loopLabel,
    leave,
  );
}

/**
 * Where the inner loop is done: from 6.19 the rseq exit step, which may ask for another round
 * (the flags read again and the inner loop's test made again); then the arch prepare step.
 */
function afterInnerLoop<L extends string>(
  q: Pending<L>,
  ctx: ModelContext,
  loopLabel: L,
  leave: Leave<L>,
): Branch<L>[] {
  if (ctx.input.behaviour.rseq === undefined) return archPrepare(q, ctx, leave);
  // A loop, not flatMap: this runs once per state the explorer expands (see andThen.ts).
  const out: Branch<L>[] = [];
  for (const x of rseqExitStep(q, ctx)) {
    const next = x.restart
      ? enterLoop(
          readFlags(note(x.p, 'rseq asks for another round'), ALL_FLAGS, ctx, true, 'ti_work'),
          ctx,
          loopLabel,
          leave,
        )
      : archPrepare(x.p, ctx, leave);
    for (const b of next) out.push(b);
  }
  return out;
}

/**
 * One lap of exit_to_user_mode_loop on the ti_work it was given: schedule() for the reschedule
 * flags (or, from 7.0, a slice extension in its place), then each flag's handler in the kernel's
 * order; then IRQs off, ti_work read again, and the loop test.
 */
export function exitToUserModeLoop<L extends string>(
  s: ModelState<L>,
  p: Pending<L>,
  ctx: ModelContext,
  leave: Leave<L>,
): Branch<L>[] {
  // Loops, not andThen with closures, and notes made only when kept: this runs at most of a
  // generic whole syscall's states.
  const work = s.work;
  const start = noteWith(called(p, 'exit_to_user_mode_loop', true), lapNote, work, ctx, undefined);
  const ps =
    (work & ctx.reschedule) === 0
      ? [start]
      : ctx.input.behaviour.sliceExtension === undefined
        ? schedule(start, ctx)
        : scheduleOrGrant(start, ctx, work);
  const loopBits = ctx.mask(loopMask(ctx));
  const done = (r: Pending<L>): Branch<L>[] => afterInnerLoop(r, ctx, s.label, leave);
  const out: Branch<L>[] = [];
  for (const q0 of ps)
    for (const q of notifyWork(q0, ctx, work)) endOfLap(q, ctx, 'ti_work', loopBits, s.label, done, out);
  return out;
}

const lapNote = (work: number, ctx: ModelContext): string =>
  `exit_to_user_mode_loop: ti_work = ${ctx.fmt(work)}`;

/** arch_exit_to_user_mode_prepare(regs, ti_work): once, IRQs off, on the flags last read. */
function archPrepare<L extends string>(q: Pending<L>, ctx: ModelContext, leave: Leave<L>): Branch<L>[] {
  const steps = ctx.input.behaviour.afterExitLoop ?? [];
  const work = q.s.work;
  const r = note(
    called(q, 'arch_exit_to_user_mode_prepare', true),
    () => `arch_exit_to_user_mode_prepare(regs, ${ctx.fmt(work)})`,
  );
  return andThen(notifyWork(r, ctx, work, steps), (t) => leave(t, ctx));
}
