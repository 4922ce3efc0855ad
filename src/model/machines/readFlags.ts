import type { ModelContext } from '../context.js';
import { modeOn } from '../modes.js';
import { gotoIrqsOn, note, noteWith, type Pending, withState } from '../pending.js';
import { AUDIT_EXIT, copyState, EXIT_REPORT, EXIT_TRACEPOINT, type ModelState } from '../state.js';
import type { Branch } from '../transition.js';

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
 * The exit work a syscall's return owes, fixed where its exit first reads the flags: the audit
 * exit for an open record, the exit tracepoint, the ptrace exit report or the single-step trap
 * (SINGLESTEP without SYSCALL_EMU), in whichever word the kernel keeps each mode.
 */
export function owedAt(ctx: ModelContext, s: ModelState): number {
  // A syscall that ended before its entry work (the compat argument fault) owes no syscall exit
  // work: that is 5d5675df792f's premise; running it anyway is exit-work-after-entry's finding.
  if (s.entrySkipped) return s.owed;
  let owed = s.owed;
  if (s.auditInSyscall) owed |= 1 << AUDIT_EXIT;
  if (modeOn(ctx, s, 'SYSCALL_TRACEPOINT')) owed |= 1 << EXIT_TRACEPOINT;
  const step = modeOn(ctx, s, 'SINGLESTEP') && !modeOn(ctx, s, 'SYSCALL_EMU');
  if (step || modeOn(ctx, s, 'SYSCALL_TRACE')) owed |= 1 << EXIT_REPORT;
  return owed;
}

/**
 * Reads ti->flags against a mask into the snapshot register, as `movl TI_flags,%edx; andl %edi,%edx`
 * does. The first read of a syscall's exit fixes which exit work it owes. With `irqsOffFirst`, IRQs
 * are turned off first: `readFlags(irqsOff(p), ...)` with one copy of the state, for the loops.
 */
export function readFlags<L extends string>(
  p: Pending<L>,
  mask: number,
  ctx: ModelContext,
  isSyscall: boolean,
  register: string,
  irqsOffFirst = false,
): Pending<L> {
  const s = p.s;
  const work = (s.flags & mask) >>> 0;
  // owedAt reads neither IRQs nor the snapshot, so `s` stands for the state with IRQs off too.
  const owed = !s.sampled && isSyscall ? owedAt(ctx, s) : s.owed;
  const d = copyState(s);
  if (irqsOffFirst) d.irqs = false;
  d.work = work;
  d.lastReadIrqsOff = !d.irqs;
  d.owed = owed;
  d.sampled = true;
  return noteWith(withState(p, d), mask === ALL_FLAGS ? readAll : readMasked, d, register, ctx);
}

/** The note of a read: `d` is the state after it (its snapshot, and whether IRQs were off). */
const readNote =
  (read: string) =>
  (d: ModelState, register: string, ctx: ModelContext): string =>
    `${d.lastReadIrqsOff ? 'IRQs off; ' : ''}${register} = ${read} = ${ctx.fmt(d.work)}`;
const readAll = readNote('flags');
const readMasked = readNote('flags & mask');

const ALL_FLAGS = 0xffffffff;

/**
 * The end of a lap of a C exit loop (4.x, generic entry): IRQs off and the flags read again into
 * `register`, with one copy of the state; then the loop's test on them, `loopBits`: another lap at
 * `label` with IRQs on, or `done` with the flags read. The branches go to `out`.
 */
export function endOfLap<L extends string>(
  q: Pending<L>,
  ctx: ModelContext,
  register: string,
  loopBits: number,
  label: L,
  done: (r: Pending<L>) => readonly Branch<L>[],
  out: Branch<L>[],
): void {
  const r = readFlags(q, ALL_FLAGS, ctx, true, register, true);
  const loop = (r.s.work & loopBits) >>> 0;
  if (loop === 0) for (const b of done(note(r, 'loop done'))) out.push(b);
  else out.push(gotoIrqsOn(noteWith(r, againNote, loop, ctx, undefined), label));
}

const againNote = (loop: number, ctx: ModelContext): string => `again for ${ctx.fmt(loop)}; IRQs on`;
