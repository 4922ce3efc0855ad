import type { Stub } from '../../kernels/behaviour/types.js';
import { SYSCALL_KINDS, type SyscallKind } from '../../kernels/syscalls.js';
import type { ModelContext } from '../context.js';
import { note, type Pending, update } from '../pending.js';
import type { ModelState } from '../state.js';
import type { Branch } from '../transition.js';

/** Helpers the whole-syscall machines of every era share. */

export const kindOf = (s: ModelState): SyscallKind => SYSCALL_KINDS[s.kind] ?? 'ordinary';

/** The entry's own fields, dead once the body has run: cleared, so exits of every syscall share states. */
export function afterBody<L extends string>(p: Pending<L>): Pending<L> {
  return update(p, {
    kind: 0,
    seccomp: 0,
    nrSkip: false,
    fastPath: false,
    entry: 0,
    entryFlags: 0,
    entryEvents: 0,
  });
}

/** Marks the step at which the syscall's entry work is over (the body runs now, or never). */
export function entryDone<L extends string>(b: Branch<L>): Branch<L> {
  return { ...b, entryDone: true };
}

/** The syscall enters the kernel: ti->flags as they are now are what the entry work starts from. */
export function entered<L extends string>(p: Pending<L>, text: string): Pending<L> {
  return note(update(p, { entryFlags: p.s.flags, irqs: true, lastReadIrqsOff: false }), text);
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
