import type { ModelContext } from '../context.js';
import { initialState } from '../machine.js';
import { goto, note, type Pending, update } from '../pending.js';
import { atLandingPad, COMPAT_SYSCALL_REGS, describeFacts, factsOf, withFastSyscall } from '../registers.js';
import type { Root } from '../root.js';
import type { ModelState } from '../state.js';
import type { Branch } from '../transition.js';

/**
 * The first two steps every compat fast syscall takes, 4.4 to 6.x (entry_64_compat.S and
 * do_fast_syscall_32; kernel-facts.md §6, "Compat"), shared by the c4x and generic machines.
 */

/** SYSCALL32 (IRQs off), pt_regs as the compat entry builds them; seed 001's flag where a kernel uses it. */
export function compatStart<L extends string>(
  label: L,
  ctx: ModelContext,
  root: Root,
  work = 0,
): ModelState<L> {
  const regs = withFastSyscall(
    COMPAT_SYSCALL_REGS,
    ctx.input.behaviour.opportunisticSysret === 'status-flag',
  );
  return initialState(
    label,
    root.flags,
    { irqs: false, fullFrame: false, topOfStack: true, auditInSyscall: false, regs },
    { kind: root.kind, seccomp: root.seccomp, work },
  );
}

/** entry_SYSCALL_compat: the whole pt_regs saved, then do_fast_syscall_32. */
export function compatEntry<L extends string>(p: Pending<L>, next: L): Branch<L> {
  return goto(
    note(
      update(p, { fullFrame: true, topOfStack: true }),
      'SWAPGS; the whole pt_regs saved (ECX from EBP, where the vDSO put it); call do_fast_syscall_32',
    ),
    next,
  );
}

/**
 * do_fast_syscall_32 points RIP at the vDSO's int80 landing pad: a restart (RIP - 2) then finds
 * `int $0x80`, and the SYSRETL tests ask for it.
 */
export function landingPadFixup<L extends string>(s: ModelState<L>, p: Pending<L>): Pending<L> {
  const regs = atLandingPad(s.regs);
  return note(update(p, { regs }), () => `regs->ip = landing_pad: ${describeFacts(factsOf(regs))}`);
}
