import type { ModelContext } from '../../context.js';
import { exitLoopWork } from '../../handlers/exitToUsermode.js';
import { called, goto, irqsOn, note, type Pending } from '../../pending.js';
import type { ModelState } from '../../state.js';
import type { Branch } from '../../transition.js';
import { endOfLap, readFlags } from '../readFlags.js';

/**
 * prepare_exit_to_usermode and exit_to_usermode_loop of 4.3/4.4 (arch/x86/entry/common.c, read for
 * this project), shared by every C-era return: the flags are read with IRQs off, and the loop runs
 * (IRQs on) while they have a bit of EXIT_TO_USERMODE_LOOP_FLAGS, reading them again each lap
 * with IRQs off. `leave` is what the caller does once the loop is done.
 */
export const LOOP = 'EXIT_TO_USERMODE_LOOP_FLAGS';
const ALL_FLAGS = 0xffffffff;

type Leave<L extends string> = (q: Pending<L>, ctx: ModelContext) => Branch<L>[];

export function prepareExitToUsermode<L extends string>(
  p: Pending<L>,
  ctx: ModelContext,
  loopLabel: L,
  leave: Leave<L>,
): Branch<L>[] {
  const q = readFlags(called(p, 'prepare_exit_to_usermode', true), ALL_FLAGS, ctx, true, 'cached_flags');
  const loop = (q.s.work & ctx.mask(LOOP)) >>> 0;
  if (loop === 0) return leave(note(q, 'cached_flags & EXIT_TO_USERMODE_LOOP_FLAGS = 0'), ctx);
  return [
    goto(
      note(irqsOn(q), () => `cached_flags & EXIT_TO_USERMODE_LOOP_FLAGS = ${ctx.fmt(loop)}; IRQs on`),
      loopLabel,
    ),
  ];
}

/** One lap of exit_to_usermode_loop on the flags it was given, then the test of the next lap. */
export function exitToUsermodeLoop<L extends string>(
  s: ModelState<L>,
  p: Pending<L>,
  ctx: ModelContext,
  leave: Leave<L>,
): Branch<L>[] {
  // A loop, and one copy for IRQs off and the read: this runs at most of a 4.x syscall's states.
  const loopBits = ctx.mask(LOOP);
  const done = (r: Pending<L>): Branch<L>[] => leave(r, ctx);
  const out: Branch<L>[] = [];
  for (const q of exitLoopWork(p, ctx, s.work))
    endOfLap(q, ctx, 'cached_flags', loopBits, s.label, done, out);
  return out;
}
