import { match } from 'ts-pattern';
import type { ModelContext } from '../../context.js';
import { returnDecision, underFred } from '../../handlers/returnDecision.js';
import { type DeadField, fromUserMode, type Machine, stepIn } from '../../machine.js';
import { begin, called, goto, irqsOff, note, type Pending } from '../../pending.js';
import type { ModelState } from '../../state.js';
import type { Branch } from '../../transition.js';
import { type Arm, armTable } from '../arms.js';
import { exitToUserModeLoop, exitToUserModePrepare, WORK } from './exitLoop.js';

/**
 * The generic-entry return from an interrupt or an exception taken in user mode (kernel/entry/
 * common.c irqentry_exit, 5.10/5.11, read for this project): irqentry_exit sees user-mode CS and
 * calls irqentry_exit_to_user_mode, which runs exit_to_user_mode_prepare with IRQs off; the asm
 * then leaves through swapgs_restore_regs_and_return_to_usermode, by IRET. An exception handler
 * that turned IRQs on (a page fault, a trap that sends a signal) turns them off first
 * (cond_local_irq_disable, or local_irq_disable at the end of handle_page_fault: recalled, not
 * read; irqentry_exit asserts IRQs off). The SYSRET
 * tests are on the syscall return only, so these exits never read pt_regs.
 */
export const IRQENTRY_LABELS = ['cond_local_irq_disable', 'irqentry_exit', 'exit_to_user_mode_loop'] as const;
export type IrqentryLabel = (typeof IRQENTRY_LABELS)[number];

/**
 * ti_work is read afresh by exit_to_user_mode_prepare before it is used. No syscall is open, so no
 * syscall exit work is owed, and nothing on these paths reads syscall_work (irqentry_exit_to_user_mode
 * and the exit loop read none in the trees genericSyscallDead names): a tracer's or an event's
 * change to it is for the next syscall.
 */
const DEAD: Partial<Record<IrqentryLabel, readonly DeadField[]>> = {
  cond_local_irq_disable: ['work', 'syscallWork'],
  irqentry_exit: ['work', 'syscallWork'],
  exit_to_user_mode_loop: ['syscallWork'],
};

const leave = (q: Pending<IrqentryLabel>, ctx: ModelContext): Branch<IrqentryLabel>[] =>
  returnDecision(note(q, 'exit_to_user_mode(); SWAPGS'), underFred(ctx.input.behaviour, 'iret'), {
    sysret: 'swapgs_restore_regs_and_return_to_usermode',
    iret: 'swapgs_restore_regs_and_return_to_usermode',
  });

export const genericInterruptExit: Machine<IrqentryLabel> = {
  path: 'interrupt-exit',
  family: 'generic',
  labels: IRQENTRY_LABELS,
  registers: { work: 'ti_work' },
  masks: [WORK],
  isSyscall: false,
  wholeSyscall: false,
  plainSysretFrom: [],
  returnRule: () => 'iret',
  deadFields: DEAD,
  // The interrupt handler runs with IRQs off; the entry saved the whole pt_regs.
  start: (_ctx, { flags }) => fromUserMode('irqentry_exit', flags, { irqs: false, fullFrame: true }),
  step: stepIn(DEAD, stepIrqentry),
};

export const genericExceptionExit: Machine<IrqentryLabel> = {
  ...genericInterruptExit,
  path: 'exception-exit',
  // The handler may have run with IRQs on (a page fault, say).
  start: (_ctx, { flags }) => fromUserMode('cond_local_irq_disable', flags, { irqs: true, fullFrame: true }),
};

const ARMS = armTable(IRQENTRY_LABELS, (label) =>
  match<IrqentryLabel, Arm<IrqentryLabel>>(label)
    .with('cond_local_irq_disable', () => (_s, p) => [
      goto(note(irqsOff(p), 'the handler turns IRQs off before irqentry_exit'), 'irqentry_exit'),
    ])
    .with(
      'irqentry_exit',
      () => (_s, p, ctx) =>
        exitToUserModePrepare(
          note(called(p, 'irqentry_exit_to_user_mode', true), 'user_mode(regs): irqentry_exit_to_user_mode'),
          ctx,
          'exit_to_user_mode_loop',
          leave,
          false,
        ),
    )
    .with('exit_to_user_mode_loop', () => (s, p, ctx) => exitToUserModeLoop(s, p, ctx, leave))
    .exhaustive(),
);

function stepIrqentry(s: ModelState<IrqentryLabel>, ctx: ModelContext): Branch<IrqentryLabel>[] {
  return ARMS[s.label](s, begin(s), ctx, ctx.bit);
}
