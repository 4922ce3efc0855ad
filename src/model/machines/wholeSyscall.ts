import type { Stub } from '../../kernels/behaviour/types.js';
import { SYSCALL_KINDS, type SyscallKind } from '../../kernels/syscalls.js';
import type { ModelContext } from '../context.js';
import { goto, note, type Pending, update } from '../pending.js';
import type { ModelState } from '../state.js';
import type { Branch } from '../transition.js';

/** Helpers the whole-syscall machines of every era share. */

export const kindOf = (s: ModelState): SyscallKind => SYSCALL_KINDS[s.kind] ?? 'ordinary';

/**
 * The syscall enters the kernel (`how`: what the entry code does first); ti->flags as they are now
 * are what the entry work starts from. Any flag of _TIF_WORK_SYSCALL_ENTRY sends it to `tracesys`,
 * none to the fast path (kernel-facts.md §5; the same test in the 3.x and 4.x entry code); 4.6 and
 * later also test _TIF_ALLWORK_MASK there (`masks`), before IRQs are turned on (`irqs` false).
 */
export function enterSyscall<L extends string>(
  p: Pending<L>,
  ctx: ModelContext,
  how: string,
  fastPath: L,
  tracesys: L,
  masks: readonly string[] = ['_TIF_WORK_SYSCALL_ENTRY'],
  irqs = true,
): Branch<L>[] {
  const mask = masks.reduce((v, m) => (v | ctx.mask(m)) >>> 0, 0);
  const work = (p.s.flags & mask) >>> 0;
  const tested = masks.length === 1 ? (masks[0] ?? '') : `(${masks.join(' | ')})`;
  const q = note(update(p, { entryFlags: p.s.flags, irqs, lastReadIrqsOff: !irqs }), how);
  return work === 0
    ? [goto(note(q, `flags & ${tested} = 0`), fastPath)]
    : [
        goto(
          note(q, () => `flags & ${tested} = ${ctx.fmt(work)}`),
          tracesys,
        ),
      ];
}

/**
 * The syscall body has run (or was skipped): the entry work is over at this step, and the entry's
 * own fields, dead from here on, are cleared so that the exits of every syscall share states.
 */
export function bodyDone<L extends string>(p: Pending<L>, label: L): Branch<L> {
  const cleared = update(p, {
    kind: 0,
    seccomp: 0,
    nrSkip: false,
    fastPath: false,
    entry: 0,
    entryFlags: 0,
    entryEvents: 0,
  });
  const b = goto(cleared, label);
  return { next: b.next, notes: b.notes, calls: b.calls, events: b.events, entryDone: true };
}

/** What a stub provides before its C function runs. */
export function stubSaves<L extends string>(p: Pending<L>, stub: Stub, saveName: string): Pending<L> {
  switch (stub.saves) {
    case 'full':
      return note(update(p, { fullFrame: true, topOfStack: true }), saveName);
    case 'top-of-stack':
      return note(update(p, { topOfStack: true }), 'FIXUP_TOP_OF_STACK');
    case 'none':
      return p;
  }
}

/** The stub, if any, the table's entry for the running syscall points at. */
export function stubOf(ctx: ModelContext, s: ModelState): Stub | undefined {
  return ctx.input.behaviour.syscallEntry?.stubs[kindOf(s)];
}

/** Whole syscalls begin with the sticky entry modes: the other flags arrive as events. */
export function entryModes(ctx: ModelContext): number {
  return (ctx.mask('_TIF_WORK_SYSCALL_ENTRY') & ctx.sticky) >>> 0;
}
