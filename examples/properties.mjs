// Your own invariant, for `tifcheck verify --properties examples/properties.mjs --kernel v6.14`.
// A module of properties exports them as `properties`; each is made by defineProperty.
import { defineProperty } from 'tifcheck';

/** No return to user mode with a reschedule still asked for: the exit loop must have scheduled. */
export const noReschedAtReturn = defineProperty({
  id: 'no-resched-at-return',
  statement: 'No path returns to user mode while TIF_NEED_RESCHED is still set.',
  cite: 'exit_to_user_mode_loop() calls schedule() for _TIF_NEED_RESCHED before it lets the task go',
  severity: 'bug',
  onReturn(ctx, returned) {
    const resched = ctx.bit('NEED_RESCHED');
    return (returned.state.flags & resched) !== 0
      ? `returned to user mode by ${returned.via} at ${returned.at} with NEED_RESCHED set`
      : undefined;
  },
});

export const properties = [noReschedAtReturn];
