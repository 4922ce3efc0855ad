import type { ModelContext } from '../context.js';
import { alternatives, called, note, type Pending, setFlags } from '../pending.js';

/**
 * schedule()/schedule_user(): the task runs again with NEED_RESCHED clear (and, from 6.13, the
 * lazy request too: __schedule clears both bits, recalled from the lazy-preemption series); across
 * the switch, USER_RETURN_NOTIFY may move away or arrive (propagate_user_return_notify).
 * kernel-facts.md §4. From 7.1 __schedule also does a deferred hrtimer rearm, clearing its flag
 * (the era's `scheduleClears`).
 */
export function schedule<L extends string>(p: Pending<L>, ctx: ModelContext): Pending<L>[] {
  const cleared = ctx.scheduleClears;
  const q = note(
    setFlags(called(p, 'schedule', false), p.s.flags & ~cleared),
    () => `schedule(): ${ctx.fmt(cleared)} cleared`,
  );
  return alternatives(q, 'schedule', ctx);
}
