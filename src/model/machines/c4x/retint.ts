import { match } from 'ts-pattern';
import type { ModelContext } from '../../context.js';
import { returnDecision } from '../../handlers/returnDecision.js';
import { fromUserMode, type Machine } from '../../machine.js';
import { begin, goto, irqsOff, note, type Pending } from '../../pending.js';
import type { ModelState } from '../../state.js';
import type { Branch } from '../../transition.js';
import { type Arm, armTable } from '../arms.js';
import { exitToUsermodeLoop, LOOP, prepareExitToUsermode } from './exitLoop.js';

/**
 * The 4.x return from an interrupt or an exception to user mode (arch/x86/entry/entry_64.S of
 * 4.4, read for this project): ret_from_intr (IRQs off, off the IRQ stack) or error_exit (IRQs
 * off), and from user mode both go to retint_user, which calls prepare_exit_to_usermode and leaves
 * by IRET (SWAPGS, restore_regs_and_iret). The opportunistic SYSRET's tests sit on the syscall
 * path only in this era (kernel-facts.md §6), so these exits never read pt_regs. Since 3.19 a
 * paranoid exception from user mode (int3, #DB, #MC) also leaves through error_exit, so its
 * user-mode half is this exception-exit.
 */
export const RETINT_LABELS_4X = [
  'ret_from_intr',
  'error_exit',
  'retint_user',
  'exit_to_usermode_loop',
] as const;
export type Retint4xLabel = (typeof RETINT_LABELS_4X)[number];

const leave = (q: Pending<Retint4xLabel>, _ctx: ModelContext): Branch<Retint4xLabel>[] =>
  returnDecision(note(q, 'SWAPGS'), 'iret', {
    sysret: 'restore_regs_and_iret',
    iret: 'restore_regs_and_iret',
  });

export const c4xInterruptExit: Machine<Retint4xLabel> = {
  path: 'interrupt-exit',
  family: 'c-4x',
  labels: RETINT_LABELS_4X,
  registers: { work: 'cached_flags' },
  masks: [LOOP],
  isSyscall: false,
  wholeSyscall: false,
  // Always IRET: pt_regs are never read.
  plainSysretFrom: [],
  returnRule: () => 'iret',
  // cached_flags is read afresh by prepare_exit_to_usermode before it is used.
  deadFields: { ret_from_intr: ['work'], error_exit: ['work'], retint_user: ['work'] },
  // The handler ran with IRQs off; 4.x saves the whole pt_regs on interrupt entry (the C exit loop
  // hands it to do_signal).
  start: (_ctx, { flags }) => fromUserMode('ret_from_intr', flags, { irqs: false, fullFrame: true }),
  step: stepRetint4x,
};

export const c4xExceptionExit: Machine<Retint4xLabel> = {
  ...c4xInterruptExit,
  path: 'exception-exit',
  // error_entry saved the whole pt_regs; the handler (a page fault, say) may run with IRQs on.
  start: (_ctx, { flags }) => fromUserMode('error_exit', flags, { irqs: true, fullFrame: true }),
};

const ARMS = armTable(RETINT_LABELS_4X, (label) =>
  match<Retint4xLabel, Arm<Retint4xLabel>>(label)
    .with('ret_from_intr', () => (_s, p) => [
      goto(note(irqsOff(p), 'IRQs off; leave the IRQ stack; CS is user mode'), 'retint_user'),
    ])
    .with('error_exit', () => (_s, p) => [goto(note(irqsOff(p), 'IRQs off; from user mode'), 'retint_user')])
    .with('retint_user', () => (_s, p, ctx) => prepareExitToUsermode(p, ctx, 'exit_to_usermode_loop', leave))
    .with('exit_to_usermode_loop', () => (s, p, ctx) => exitToUsermodeLoop(s, p, ctx, leave))
    .exhaustive(),
);

function stepRetint4x(s: ModelState<Retint4xLabel>, ctx: ModelContext): Branch<Retint4xLabel>[] {
  return ARMS[s.label](s, begin(s), ctx, ctx.bit);
}
