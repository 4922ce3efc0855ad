import type { ModelContext } from '../context.js';
import { note, type Pending, update } from '../pending.js';
import { AUDIT_EXIT, EXIT_REPORT, EXIT_TRACEPOINT } from '../state.js';

/**
 * The flags whose presence at a syscall's return owes exit work (read below, and by
 * syscall_trace_leave: audit exit, exit tracepoint, the ptrace report or single-step trap, EMU
 * suppressing the step; kernel-facts.md §4, the syscall_trace_leave row), whatever the masks say: a
 * search of a syscall's return must try them even when an edited mask no longer sees them.
 */
export const EXIT_WORK_FLAGS = [
  'SYSCALL_TRACE',
  'SINGLESTEP',
  'SYSCALL_EMU',
  'SYSCALL_TRACEPOINT',
  'SYSCALL_AUDIT',
];

/**
 * Reads ti->flags against a mask into the snapshot register, as `movl TI_flags,%edx; andl %edi,%edx`
 * does. The first read of a syscall's exit fixes which exit work it owes.
 */
export function readFlags<L extends string>(
  p: Pending<L>,
  mask: number,
  ctx: ModelContext,
  isSyscall: boolean,
  register: string,
): Pending<L> {
  const s = p.s;
  const work = (s.flags & mask) >>> 0;
  let owed = s.owed;
  if (!s.sampled && isSyscall) {
    const f = s.flags;
    if (s.auditInSyscall) owed |= 1 << AUDIT_EXIT;
    if (f & ctx.bit('SYSCALL_TRACEPOINT')) owed |= 1 << EXIT_TRACEPOINT;
    const step = (f & ctx.bit('SINGLESTEP')) !== 0 && (f & ctx.bit('SYSCALL_EMU')) === 0;
    if (step || (f & ctx.bit('SYSCALL_TRACE')) !== 0) owed |= 1 << EXIT_REPORT;
  }
  const q = update(p, { work, lastReadIrqsOff: !s.irqs, owed, sampled: true });
  const read = mask === 0xffffffff ? 'flags' : 'flags & mask';
  return note(q, () => `${s.irqs ? '' : 'IRQs off; '}${register} = ${read} = ${ctx.fmt(work)}`);
}
