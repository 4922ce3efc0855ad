import type { ModelContext } from '../context.js';
import { modeOn } from '../modes.js';
import { called, note, type Pending, update } from '../pending.js';
import { AUDIT_EXIT, countDone } from '../state.js';

/**
 * __audit_syscall_exit: ends the audit record if the context is in a syscall; otherwise it does
 * nothing, so a second exit is harmless (kernel-facts.md §5, audit pairing rules).
 */
export function auditSyscallExit<L extends string>(p: Pending<L>, ctx: ModelContext, fn: string): Pending<L> {
  if (!ctx.input.behaviour.auditSyscall) return p;
  const q = called(p, fn, false);
  if (!p.s.auditInSyscall) {
    // Without SYSCALL_AUDIT there is no audit context and the call returns at once; say so only
    // when it matters (a second exit after the record already ended).
    return modeOn(ctx, p.s, 'SYSCALL_AUDIT') ? note(q, `${fn}: no syscall in flight, nothing to do`) : q;
  }
  return note(
    update(q, { auditInSyscall: false, done: countDone(p.s.done, AUDIT_EXIT) }),
    `${fn}: audit record ended`,
  );
}
