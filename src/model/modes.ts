import type { ModelContext } from './context.js';
import type { ModelState } from './state.js';

/**
 * Whether a syscall mode (SYSCALL_TRACE, SYSCALL_EMU, SYSCALL_AUDIT, SECCOMP, SYSCALL_TRACEPOINT,
 * SINGLESTEP) is on, in whichever word this kernel keeps it: ti->flags until 5.10, ti->syscall_work
 * from 5.11 for all but SINGLESTEP (kernel-facts.md §1.2). Handlers shared by the eras ask here.
 */
export function modeOn(ctx: ModelContext, s: ModelState, name: string): boolean {
  return (s.flags & ctx.bit(name)) !== 0 || (s.syscallWork & ctx.workBit(name)) !== 0;
}
