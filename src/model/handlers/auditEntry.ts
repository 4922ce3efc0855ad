import type { ModelContext } from '../context.js';
import { modeOn } from '../modes.js';
import { called, halt, note, type Pending, update } from '../pending.js';
import { AUDIT_ENTRY, countEntry } from '../state.js';

/**
 * Audit entry. Only a task with an audit context gets past the inline check to
 * __audit_syscall_entry; audit_alloc gives the context and TIF_SYSCALL_AUDIT (5.11+:
 * SYSCALL_WORK_SYSCALL_AUDIT) together, so the flag stands for the context. The BUG_ON fires when the context is already in a syscall; otherwise
 * the record begins (kernel-facts.md §5, audit pairing rules). `fn` is the caller's name for it.
 */
export function auditSyscallEntry<L extends string>(
  p: Pending<L>,
  ctx: ModelContext,
  fn: string,
): Pending<L> {
  if (p.halt !== undefined || !ctx.input.behaviour.auditSyscall) return p;
  if (!modeOn(ctx, p.s, 'SYSCALL_AUDIT')) return p;
  const q = update(called(p, fn, false), { entry: countEntry(p.s.entry, AUDIT_ENTRY) });
  if (p.s.auditInSyscall) {
    return halt(note(q, `${fn}: __audit_syscall_entry with the context already in a syscall`), {
      kind: 'bug',
      at: '__audit_syscall_entry',
      what: 'kernel BUG: BUG_ON(context->in_syscall), an audit entry while the record of this syscall is open',
    });
  }
  return note(update(q, { auditInSyscall: true }), `${fn}: __audit_syscall_entry, audit record begun`);
}
