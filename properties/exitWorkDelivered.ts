import { definePathProperty } from '../src/check/property.js';
import { fromSeed } from '../src/kernels/cite.js';

/**
 * Work left pending at the return is deferred to some later, unrelated exit (or forever). Seed 003:
 * on the retint path a solitary UPROBE "gets ignored" until the next paranoid exit.
 */
export const exitWorkDelivered = definePathProperty({
  id: 'exit-work-delivered',
  statement:
    'When the return to user happens, no flag that the path is responsible for is still pending (nothing deferred silently to a later, unrelated exit).',
  cite: fromSeed(
    '003_22c8ab191e039a08.txt, and entry_64.S retint_signal, which ignores a flag outside _TIF_DO_NOTIFY_MASK',
  ),
  appliesTo: () => true,
  onReturn(ctx, r) {
    const pending = (r.state.flags & ctx.returnWork) >>> 0;
    return pending === 0
      ? undefined
      : `returned to user mode by ${r.via} at ${r.at} with ${ctx.fmt(pending)} still pending`;
  },
});
