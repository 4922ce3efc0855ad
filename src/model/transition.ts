import type { Occasion } from '../kernels/behaviour/types.js';
import type { Notes } from './pending.js';
import type { ModelState } from './state.js';

/** The return instruction that ended a run. */
export type Via = 'SYSRET' | 'IRET';

export interface Returned<L extends string = string> {
  readonly kind: 'returned';
  readonly via: Via;
  /** The label that executes the return (retint_swapgs, paranoid_swapgs, ...). */
  readonly at: string;
  readonly state: ModelState<L>;
}

/** A C function the step called, with the frame it was called on. */
export interface Call {
  readonly fn: string;
  readonly takesRegs: boolean;
  readonly fullFrame: boolean;
  readonly topOfStack: boolean;
}

/** An environment event that happened during a step. */
export interface FiredEvent {
  readonly id: string;
  readonly occasion: Occasion;
}

/** One way a step can go: the deterministic outcome, or one environment choice inside it. */
export interface Branch<L extends string = string> {
  readonly next: ModelState<L> | Returned<L>;
  /** What happened, newest last; see Notes in pending.ts. */
  readonly notes: Notes;
  readonly calls: readonly Call[];
  readonly events: readonly FiredEvent[];
}

export function isReturned<L extends string>(x: ModelState<L> | Returned<L>): x is Returned<L> {
  return (x as Returned<L>).kind === 'returned';
}
