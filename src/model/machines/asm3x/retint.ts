import { match } from 'ts-pattern';
import type { ModelContext } from '../../context.js';
import { doNotifyResume } from '../../handlers/doNotifyResume.js';
import { returnDecision, slowPathRule } from '../../handlers/returnDecision.js';
import { schedule } from '../../handlers/schedule.js';
import { fromUserMode, type Machine } from '../../machine.js';
import { begin, goto, irqsOff, irqsOn, note, update } from '../../pending.js';
import type { ModelState } from '../../state.js';
import type { Branch } from '../../transition.js';
import { type Arm, armTable } from '../arms.js';
import { readFlags } from '../readFlags.js';

/**
 * The 3.x return from an interrupt or an ordinary exception to user mode (entry_64.S, kernel-facts.md
 * §3): both end in the retint_* loop, which reloads %edi with _TIF_WORK_MASK and calls
 * do_notify_resume only for _TIF_DO_NOTIFY_MASK; anything else in %edx goes back to user mode still set.
 */
export const RETINT_LABELS = [
  'ret_from_intr',
  'exit_intr',
  'error_exit',
  'retint_with_reschedule',
  'retint_check',
  'retint_careful',
  'retint_signal',
  'do_notify_resume',
] as const;
export type RetintLabel = (typeof RETINT_LABELS)[number];

const WORK = '_TIF_WORK_MASK';
const DO_NOTIFY = '_TIF_DO_NOTIFY_MASK';
/** Every IRET return to user mode; from v4.0 also the opportunistic SYSRET's tests. */
export const RETINT_SWAPGS = { sysret: 'retint_swapgs', iret: 'retint_swapgs' };

export const asmInterruptExit: Machine<RetintLabel> = {
  path: 'interrupt-exit',
  family: 'asm-3x',
  labels: RETINT_LABELS,
  registers: { mask: '%edi', work: '%edx' },
  masks: [WORK, DO_NOTIFY],
  isSyscall: false,
  wholeSyscall: false,
  // No plain SYSRET on these exits: pt_regs are read only where the kernel's slow path may SYSRET.
  plainSysretFrom: [],
  // %edi is set at retint_with_reschedule (and error_exit) before retint_check reads it; %edx is
  // loaded at retint_check and error_exit.
  deadFields: {
    ret_from_intr: ['mask', 'work'],
    exit_intr: ['mask', 'work'],
    error_exit: ['mask', 'work'],
    retint_with_reschedule: ['mask', 'work'],
    retint_check: ['work'],
    retint_signal: ['mask'],
    do_notify_resume: ['mask'],
  },
  // The handler ran with IRQs off on a partial frame; the hardware frame is complete.
  start: (_ctx, { flags }) => fromUserMode('ret_from_intr', flags, { irqs: false, fullFrame: false }),
  step: stepRetint,
};

export const asmExceptionExit: Machine<RetintLabel> = {
  ...asmInterruptExit,
  path: 'exception-exit',
  // error_entry saved a full frame; the handler (a page fault, say) may run with IRQs on.
  start: (_ctx, { flags }) => fromUserMode('error_exit', flags, { irqs: true, fullFrame: true }),
};

const ARMS = armTable(RETINT_LABELS, (label) =>
  match<RetintLabel, Arm<RetintLabel>>(label)
    .with('ret_from_intr', () => (_s, p) => [
      goto(note(irqsOff(p), 'IRQs off; irq_count--, leave the IRQ stack'), 'exit_intr'),
    ])
    .with('exit_intr', () => (_s, p) => [goto(note(p, 'CS is user mode'), 'retint_with_reschedule')])
    .with('error_exit', () => (_s, p, ctx) => {
      const q = note(
        irqsOff(update(p, { fullFrame: false, mask: ctx.mask(WORK) })),
        'RESTORE_REST; IRQs off; from user: %edi = _TIF_WORK_MASK',
      );
      const r = readFlags(q, ctx.mask(WORK), ctx, false, '%edx');
      return r.s.work !== 0
        ? [goto(r, 'retint_careful')]
        : returnDecision(r, slowPathRule(ctx.input.behaviour), RETINT_SWAPGS);
    })
    .with('retint_with_reschedule', () => (_s, p, ctx) => [
      goto(note(update(p, { mask: ctx.mask(WORK) }), '%edi = _TIF_WORK_MASK'), 'retint_check'),
    ])
    .with('retint_check', () => (s, p, ctx) => {
      const q = readFlags(p, s.mask, ctx, false, '%edx');
      return q.s.work !== 0
        ? [goto(q, 'retint_careful')]
        : returnDecision(q, slowPathRule(ctx.input.behaviour), RETINT_SWAPGS);
    })
    .with('retint_careful', () => (s, p, ctx) => {
      if ((s.work & ctx.bit('NEED_RESCHED')) === 0)
        return [goto(note(p, 'no NEED_RESCHED in %edx'), 'retint_signal')];
      return schedule(note(irqsOn(p), 'NEED_RESCHED: IRQs on, save %edi'), ctx).map((b) =>
        goto(note(irqsOff(b), 'IRQs off'), 'retint_check'),
      );
    })
    .with('retint_signal', () => (s, p, ctx) => {
      if ((s.work & ctx.mask(DO_NOTIFY)) === 0) {
        return returnDecision(
          note(p, () => `%edx & _TIF_DO_NOTIFY_MASK = 0: back to user with ${ctx.fmt(s.work)} still set`),
          slowPathRule(ctx.input.behaviour),
          RETINT_SWAPGS,
        );
      }
      return [
        goto(
          note(update(irqsOn(p), { fullFrame: true }), 'IRQs on; SAVE_REST; orig_rax = -1'),
          'do_notify_resume',
        ),
      ];
    })
    // The call runs with IRQs on, so interrupts can set flags while it handles its snapshot (%edx);
    // what they set waits for the next pass. An interrupt after it returns, before IRQs go off, is
    // taken as one at its start: the two differ only for flags of the snapshot, which it clears.
    .with(
      'do_notify_resume',
      () => (s, p, ctx) =>
        doNotifyResume(p, ctx, s.work).map((b) =>
          goto(
            note(irqsOff(update(b, { fullFrame: false })), 'RESTORE_REST; IRQs off'),
            'retint_with_reschedule',
          ),
        ),
    )
    .exhaustive(),
);

export function stepRetint(s: ModelState<RetintLabel>, ctx: ModelContext): Branch<RetintLabel>[] {
  return ARMS[s.label](s, begin(s), ctx, ctx.bit);
}
