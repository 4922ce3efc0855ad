import { definePathProperty } from '../src/check/property.js';
import { readAt } from '../src/kernels/cite.js';

/**
 * A tracer, audit and the syscall tracepoints pair each syscall's entry with its exit (strace prints
 * the exit of the call it saw enter). A syscall that ends before its entry work and still runs the
 * exit work hands them an exit with no entry: 5.11's compat syscall whose EBP cannot be read
 * (5d5675df792f). Only modes that ask for both count: the single-step trap is exit work alone.
 */
export const exitWorkAfterEntry = definePathProperty({
  id: 'exit-work-after-entry',
  statement:
    'The syscall exit work (audit exit, the exit tracepoint, the ptrace exit report) runs only for a syscall whose entry work ran: no mode that asks for both sees the exit of a syscall it did not see enter.',
  cite: readAt(
    'torvalds-5d5675df792f',
    'arch/x86/entry/common.c',
    'the compat argument-fault fix: irqentry_exit_to_user_mode instead of syscall_exit_to_user_mode, because exit work without entry work confused audit and ptrace',
  ),
  appliesTo: (m) => m.wholeSyscall,
  onStep(ctx, before, b) {
    if (!before.entrySkipped || !b.calls.some((c) => c.fn === 'syscall_exit_work')) return undefined;
    const both = (before.syscallWork & ctx.mask('SYSCALL_WORK_ENTER') & ctx.mask('SYSCALL_WORK_EXIT')) >>> 0;
    return both === 0
      ? undefined
      : `syscall_exit_work ran for ${ctx.fmtWork(both)} although the syscall's entry work never ran`;
  },
});
