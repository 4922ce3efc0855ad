import type { UserPropertySpec } from '../../check/userProperty.js';
import { defineProperty } from '../../index.js';

/**
 * The README's example invariant as the tests write it with the library alone (examples/ has the
 * user's copy, which the packed-install test runs): the spec, and the property made from it.
 */
export const NO_RESCHED_SPEC: UserPropertySpec = {
  id: 'no-resched-at-return',
  statement: 'No path returns to user mode while TIF_NEED_RESCHED is still set.',
  cite: 'exit_to_user_mode_loop() schedules for NEED_RESCHED',
  severity: 'bug',
  onReturn: (ctx, r) =>
    (r.state.flags & ctx.bit('NEED_RESCHED')) !== 0 ? `returned by ${r.via} with NEED_RESCHED` : undefined,
};

export const noResched = defineProperty(NO_RESCHED_SPEC);
