import { match } from 'ts-pattern';
import type { ModelContext } from '../../context.js';
import { doNotifyResume } from '../../handlers/doNotifyResume.js';
import { schedule } from '../../handlers/schedule.js';
import { fromUserMode, type Machine } from '../../machine.js';
import { begin, goto, irqsOff, irqsOn, note, returnToUser } from '../../pending.js';
import type { ModelState } from '../../state.js';
import type { Branch } from '../../transition.js';
import { type Arm, armTable } from '../arms.js';
import { readFlags } from '../readFlags.js';

/**
 * The 3.x return to user mode from an IST exception (int3, #DB, #MC; entry_64.S paranoid_exit,
 * kernel-facts.md §3). It keeps no mask register: %ebx = flags & _TIF_WORK_MASK, and anything
 * but NEED_RESCHED goes to do_notify_resume unfiltered by _TIF_DO_NOTIFY_MASK.
 */
export const PARANOID_LABELS = [
  'paranoid_exit',
  'paranoid_userspace',
  'paranoid_schedule',
  'do_notify_resume',
] as const;
export type ParanoidLabel = (typeof PARANOID_LABELS)[number];

const WORK = '_TIF_WORK_MASK';

export const asmParanoidExit: Machine<ParanoidLabel> = {
  path: 'paranoid-exit',
  // Always IRET (paranoid_swapgs): pt_regs are never read.
  plainSysretFrom: [],
  family: 'asm-3x',
  labels: PARANOID_LABELS,
  registers: { work: '%ebx' },
  masks: [WORK],
  isSyscall: false,
  wholeSyscall: false,
  // %ebx is loaded at paranoid_userspace, which every label reaches before testing it.
  deadFields: {
    paranoid_exit: ['work'],
    paranoid_userspace: ['work'],
    paranoid_schedule: ['work'],
  },
  // save_paranoid saved everything; do_int3/do_debug may have enabled IRQs (preempt_conditional_sti).
  start: (_ctx, { flags }) => fromUserMode('paranoid_exit', flags, { irqs: true, fullFrame: true }),
  step: stepParanoid,
};

const ARMS = armTable(PARANOID_LABELS, (label) =>
  match<ParanoidLabel, Arm<ParanoidLabel>>(label)
    .with('paranoid_exit', () => (_s, p) => [
      goto(note(irqsOff(p), 'IRQs off; no-swapgs flag clear and CS is user mode'), 'paranoid_userspace'),
    ])
    .with('paranoid_userspace', () => (_s, p, ctx) => {
      const q = readFlags(p, ctx.mask(WORK), ctx, false, '%ebx');
      if (q.s.work === 0) return [returnToUser(q, 'IRET', 'paranoid_swapgs')];
      const synced = note(q, 'sync_regs: off the IST stack');
      if ((q.s.work & ctx.bit('NEED_RESCHED')) !== 0) return [goto(synced, 'paranoid_schedule')];
      return [goto(note(irqsOn(synced), 'IRQs on; %edx = %ebx'), 'do_notify_resume')];
    })
    // With IRQs on, as on the retint path (see there).
    .with(
      'do_notify_resume',
      () => (s, p, ctx) =>
        doNotifyResume(p, ctx, s.work).map((b) => goto(note(irqsOff(b), 'IRQs off'), 'paranoid_userspace')),
    )
    .with(
      'paranoid_schedule',
      () => (_s, p, ctx) =>
        schedule(note(irqsOn(p), 'IRQs on'), ctx).map((b) =>
          goto(note(irqsOff(b), 'IRQs off'), 'paranoid_userspace'),
        ),
    )
    .exhaustive(),
);

export function stepParanoid(s: ModelState<ParanoidLabel>, ctx: ModelContext): Branch<ParanoidLabel>[] {
  return ARMS[s.label](s, begin(s), ctx, ctx.bit);
}
