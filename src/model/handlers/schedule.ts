import type { ModelContext } from '../context.js';
import { alternatives, called, note, type Pending, update } from '../pending.js';

/**
 * schedule()/schedule_user(): the task runs again with NEED_RESCHED clear; across the switch,
 * USER_RETURN_NOTIFY may move away or arrive (propagate_user_return_notify). kernel-facts.md §4.
 */
export function schedule<L extends string>(p: Pending<L>, ctx: ModelContext): Pending<L>[] {
  const q = note(
    update(called(p, 'schedule', false), { flags: (p.s.flags & ~ctx.bit('NEED_RESCHED')) >>> 0 }),
    'schedule(): NEED_RESCHED cleared',
  );
  return alternatives(q, 'schedule', ctx);
}
