import { ENTRY_4_4_PTREGS_RFC } from '../behaviour/entry.js';
import { fromSeed } from '../cite.js';
import type { VariantSpec } from '../spec.js';

/**
 * v4.4 with the December 2015 "[PATCH 07/12] x86/entry/64: Always run ptregs-using syscalls on the
 * slow path" as posted (seed 002): its masks are 4.4's, its entry is ENTRY_4_4_PTREGS_RFC. The
 * thread reports `kernel BUG at kernel/auditsc.c:1504` in __audit_syscall_entry, called from
 * syscall_trace_enter_phase2 via tracesys, at boot.
 */
export const v4_4_ptregs_rfc: VariantSpec = {
  kind: 'variant',
  id: 'v4.4-ptregs-rfc',
  parent: 'v4.4',
  title: 'the December 2015 PATCH 07/12: ptregs syscalls sent from the fast path to tracesys',
  edits: [],
  cite: fromSeed(
    '002_de78b7bca3d06c99.txt (Andy Lutomirski, 7 Dec 2015; the BUG report by Brian Gerst, 9 Dec)',
  ),
  behaviour: (parent) => ({ ...parent, syscallEntry: ENTRY_4_4_PTREGS_RFC }),
};
