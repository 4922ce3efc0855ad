import { definePathProperty } from '../src/check/property.js';
import { readIn } from '../src/kernels/cite.js';

/** A flag set by an interrupt after an IRQs-on check would go back to user mode unseen. */
export const exitFinalCheckIrqsOff = definePathProperty({
  id: 'exit-final-check-irqs-off',
  statement:
    'The last test of the flags before the return instruction runs with IRQs off, so a flag set by an interrupt after it cannot be lost.',
  cite: readIn('entry_64.S sysret_check/int_with_check/retint_check read ti->flags after DISABLE_INTERRUPTS'),
  appliesTo: () => true,
  onReturn(_ctx, r) {
    return r.state.lastReadIrqsOff
      ? undefined
      : `${r.via} at ${r.at} follows a read of ti->flags made with IRQs on, or IRQs were enabled after the last read`;
  },
});
