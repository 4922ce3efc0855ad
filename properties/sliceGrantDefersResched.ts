import { definePathProperty } from '../src/check/property.js';
import { readAt } from '../src/kernels/cite.js';
import { stateAfter } from '../src/model/transition.js';

/**
 * 7.0's time-slice extension lets a task that asked for it run on past a reschedule request, on
 * the way back from an interrupt. What it may put off is the reschedule, nothing else: a grant
 * with other exit work pending (a signal, a livepatch transition, rseq's own work) lets user code
 * run on a slice it should not get. The kernel's guard is the mask TIF_SLICE_EXT_DENY; this
 * checks a grant against the exit work itself, so a drifted mask shows.
 */
export const sliceGrantDefersResched = definePathProperty({
  id: 'slice-grant-defers-resched',
  statement:
    'A time-slice extension (7.0+) is granted only on the return from an interrupt or exception in user mode, with no exit work pending but the reschedule request it defers.',
  cite: readAt(
    'linux-7.0',
    'kernel/entry/common.c',
    'TIF_SLICE_EXT_DENY = EXIT_TO_USER_MODE_WORK & ~TIF_SLICE_EXT_SCHED; include/linux/rseq_entry.h: no grant without user_irq',
  ),
  appliesTo: (_m, ctx) => ctx.input.behaviour.sliceExtension !== undefined,
  onStep(ctx, before, b) {
    if (before.sliceGranted || !stateAfter(b).sliceGranted) return undefined;
    if (ctx.path !== 'interrupt-exit' && ctx.path !== 'exception-exit')
      return `a slice extension is granted on ${ctx.path}, which did not come from an interrupt in user mode`;
    const other = (before.work & ctx.mask('EXIT_TO_USER_MODE_WORK') & ~ctx.reschedule) >>> 0;
    return other === 0
      ? undefined
      : `a slice extension is granted with ${ctx.fmt(other)} pending: it defers more than the reschedule`;
  },
});
