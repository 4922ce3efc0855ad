import { definePathProperty } from '../src/check/property.js';
import { readAt } from '../src/kernels/cite.js';

const STEP = 'rseq_exit_to_user_mode_restart';

/**
 * 6.19's rseq exit step runs after the inner loop's last read of the flags, on the way out: with
 * IRQs on, work set by an interrupt after that read would go back to user mode unseen, and with
 * page faults allowed a fault on the rseq area would sleep where nothing may. The kernel keeps IRQs
 * off and wraps the user accesses in a page-fault guard, so a fault fails the fast path and asks
 * for the slow path instead.
 */
export const rseqExitAtomic = definePathProperty({
  id: 'rseq-exit-atomic',
  statement:
    'The rseq exit step (6.19+) runs with IRQs off and page faults disabled, so it can neither sleep on a fault nor miss work an interrupt sets after the last read of the flags.',
  cite: readAt(
    'linux-6.19',
    'include/linux/rseq_entry.h',
    'rseq_exit_to_user_mode_restart runs from exit_to_user_mode_loop with IRQs off; rseq_exit_user_update takes guard(pagefault)',
  ),
  appliesTo: (_m, ctx) => ctx.input.behaviour.rseq !== undefined,
  onStep(_ctx, _before, b) {
    for (const c of b.calls) {
      if (c.fn !== STEP) continue;
      if (c.irqs) return `${STEP} runs with IRQs on`;
      if (c.pagefaultsDisabled !== true)
        return `${STEP} runs with page faults enabled: a fault on the rseq area may sleep`;
    }
    return undefined;
  },
});
