import { andThen } from '../../andThen.js';
import type { ModelContext } from '../../context.js';
import { notifyWork } from '../../handlers/doNotifyResume.js';
import { schedule } from '../../handlers/schedule.js';
import { called, goto, irqsOff, irqsOn, note, type Pending } from '../../pending.js';
import type { ModelState } from '../../state.js';
import type { Branch } from '../../transition.js';
import { readFlags } from '../readFlags.js';

/**
 * exit_to_user_mode_prepare and exit_to_user_mode_loop of generic entry (kernel/entry/common.c,
 * 5.10/5.11 read for this project; kernel-facts.md §4), shared by every return of the era: the
 * flags are read with IRQs off into ti_work; while it has a bit of EXIT_TO_USER_MODE_WORK the loop
 * runs a lap with IRQs on and reads them again with IRQs off. Then, once, x86's
 * arch_exit_to_user_mode_prepare handles the flags last read (the user-return notifiers) with
 * IRQs still off. `leave` is what the caller does after that.
 */
export const WORK = 'EXIT_TO_USER_MODE_WORK';
const ALL_FLAGS = 0xffffffff;

type Leave<L extends string> = (q: Pending<L>, ctx: ModelContext) => Branch<L>[];

export function exitToUserModePrepare<L extends string>(
  p: Pending<L>,
  ctx: ModelContext,
  loopLabel: L,
  leave: Leave<L>,
): Branch<L>[] {
  const q = readFlags(called(p, 'exit_to_user_mode_prepare', true), ALL_FLAGS, ctx, true, 'ti_work');
  const loop = (q.s.work & ctx.mask(WORK)) >>> 0;
  if (loop === 0) return archPrepare(note(q, 'ti_work & EXIT_TO_USER_MODE_WORK = 0'), ctx, leave);
  return [
    goto(
      note(irqsOn(q), () => `ti_work & EXIT_TO_USER_MODE_WORK = ${ctx.fmt(loop)}; IRQs on`),
      loopLabel,
    ),
  ];
}

/**
 * One lap of exit_to_user_mode_loop on the ti_work it was given: schedule() for the reschedule
 * flags, then each flag's handler in the kernel's order; then IRQs off, ti_work read again, and
 * the loop test.
 */
export function exitToUserModeLoop<L extends string>(
  s: ModelState<L>,
  p: Pending<L>,
  ctx: ModelContext,
  leave: Leave<L>,
): Branch<L>[] {
  const work = s.work;
  const start = note(
    called(p, 'exit_to_user_mode_loop', true),
    () => `exit_to_user_mode_loop: ti_work = ${ctx.fmt(work)}`,
  );
  const ps = (work & ctx.reschedule) !== 0 ? schedule(start, ctx) : [start];
  return andThen(
    andThen(ps, (q) => notifyWork(q, ctx, work)),
    (q) => {
      const r = readFlags(irqsOff(q), ALL_FLAGS, ctx, true, 'ti_work');
      const loop = (r.s.work & ctx.mask(WORK)) >>> 0;
      if (loop === 0) return archPrepare(note(r, 'loop done'), ctx, leave);
      return [
        goto(
          note(irqsOn(r), () => `again for ${ctx.fmt(loop)}; IRQs on`),
          s.label,
        ),
      ];
    },
  );
}

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
