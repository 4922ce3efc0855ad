import { definePathProperty } from '../src/check/property.js';
import { readIn } from '../src/kernels/cite.js';

/**
 * __audit_syscall_entry BUGs if the context is already in a syscall; __audit_syscall_exit ends the
 * record and may run again harmlessly. So entries must never nest, and each must be closed before
 * the task runs user code again (kernel-facts.md §5, audit pairing rules).
 */
export const auditBalanced = definePathProperty({
  id: 'audit-balanced',
  statement:
    'audit_syscall_entry is never called while the audit context is already in a syscall (the BUG_ON in __audit_syscall_entry), and each entry is matched by exactly one exit before the return to user.',
  cite: readIn(
    'kernel/auditsc.c __audit_syscall_entry/__audit_syscall_exit; seed 002: kernel BUG at kernel/auditsc.c:1504',
  ),
  appliesTo: (m) => m.isSyscall,
  onStop(_ctx, stopped) {
    return stopped.kind === 'bug' && stopped.at === '__audit_syscall_entry'
      ? `${stopped.at}: ${stopped.what}`
      : undefined;
  },
  onReturn(_ctx, r) {
    return r.state.auditInSyscall
      ? `returned to user mode by ${r.via} with the audit record of the syscall still open`
      : undefined;
  },
});
