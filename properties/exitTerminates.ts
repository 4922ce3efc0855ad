import { definePathProperty } from '../src/check/property.js';
import { fromSeed } from '../src/kernels/cite.js';

/**
 * The loop's contract: flags are set by code that knows nothing of the masks, so every exit must
 * get back to user mode whatever combination it starts with. Seed 003: "If UPROBE is set, but
 * nothing else in that set is, we'll be looping forever, right?"
 */
export const exitTerminates = definePathProperty({
  id: 'exit-terminates',
  statement:
    'Every exit path reaches the return to user mode from every initial combination of settable flags, under any finite schedule of asynchronous events.',
  cite: fromSeed('003_22c8ab191e039a08.txt: the solitary _TIF_UPROBE at syscall exit'),
  appliesTo: () => true,
  violatedByNoReturn: true,
});
