import type { Occasion } from '../kernels/behaviour/types.js';
import type { Notes } from './pending.js';
import type { ModelState } from './state.js';

/** The return instruction that ended a run (SYSRETL: the compat path's 32-bit SYSRET). */
export type Via = 'SYSRET' | 'SYSRETL' | 'IRET' | 'ERETU';

export interface Returned<L extends string = string> {
  readonly kind: 'returned';
  readonly via: Via;
  /** The label that executes the return (retint_swapgs, paranoid_swapgs, ...). */
  readonly at: string;
  /**
   * An opportunistic SYSRET (4.0+): chosen by the era's rule (the register tests, or seed 001's
   * TS_FASTSYSCALL) and restoring RCX from the frame, so a change of pt_regs does not by itself make
   * it unsafe (that is `sysret-safe`'s question). A plain SYSRET (3.x sysret_check, the 4.x fast
   * path) loads RCX from the saved RIP.
   */
  readonly checked?: boolean;
  /** A plain SYSRET that loads R11 from the saved RFLAGS, not from R11's slot (the 4.x fast path). */
  readonly r11FromFlags?: boolean;
  readonly state: ModelState<L>;
}

/** A run that ends without returning to user mode: a BUG() or the task killed (do_exit). */
export interface Stopped<L extends string = string> {
  readonly kind: 'bug' | 'exited';
  /** Where: the kernel function that BUGs or exits. */
  readonly at: string;
  readonly what: string;
  readonly state: ModelState<L>;
}

export type Terminal<L extends string = string> = Returned<L> | Stopped<L>;

/** A C function the step called, with the frame it was called on. */
export interface Call {
  readonly fn: string;
  readonly takesRegs: boolean;
  /** A syscall body that needs more than the partial frame: the extra registers, or only the fixed-up flags. */
  readonly needs?: 'full' | 'top-of-stack';
  readonly fullFrame: boolean;
  readonly topOfStack: boolean;
  /** IRQs were on at the call. */
  readonly irqs: boolean;
  /** The call runs with page faults disabled (the rseq exit step's pagefault guard). */
  readonly pagefaultsDisabled?: true;
}

/** An environment event that happened during a step. */
export interface FiredEvent {
  readonly id: string;
  readonly occasion: Occasion;
}

/** One way a step can go: the deterministic outcome, or one environment choice inside it. */
export interface Branch<L extends string = string> {
  readonly next: ModelState<L> | Terminal<L>;
  /** What happened, newest last; see Notes in pending.ts. */
  readonly notes: Notes;
  readonly calls: readonly Call[];
  readonly events: readonly FiredEvent[];
  /** This step ends the syscall's entry work: the body runs next, or is skipped. */
  readonly entryDone?: boolean;
}

export function isTerminal<L extends string>(x: ModelState<L> | Terminal<L>): x is Terminal<L> {
  const k = (x as Terminal<L>).kind;
  return k === 'returned' || k === 'bug' || k === 'exited';
}

export function isReturned<L extends string>(x: ModelState<L> | Terminal<L>): x is Returned<L> {
  return (x as Terminal<L>).kind === 'returned';
}

export function isStopped<L extends string>(x: ModelState<L> | Terminal<L>): x is Stopped<L> {
  const k = (x as Terminal<L>).kind;
  return k === 'bug' || k === 'exited';
}

/** The state a branch leaves: the next state, or the one a return or stop ended in. */
export function stateAfter<L extends string>(b: Branch<L>): ModelState<L> {
  return isTerminal(b.next) ? b.next.state : b.next;
}
