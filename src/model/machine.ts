import type { ExitModel } from '../kernels/behaviour/types.js';
import type { PathId } from '../kernels/pathId.js';
import type { ModelContext } from './context.js';
import type { ModelState } from './state.js';
import type { Branch } from './transition.js';

/** One path of one family of kernels, as a state machine over the kernel's labels. */
export interface Machine<L extends string = string> {
  readonly path: PathId;
  readonly family: ExitModel;
  readonly labels: readonly L[];
  /** How the asm names the mask and snapshot registers, for traces. */
  readonly registers: { readonly mask?: string; readonly work: string };
  /** Masks this machine tests; a header used with it must define each. */
  readonly masks: readonly string[];
  /** A syscall's return: the syscall exit work (audit, tracepoint, ptrace report) is owed. */
  readonly isSyscall: boolean;
  start(ctx: ModelContext, flags: number): ModelState<L>;
  /** The first branch is the deterministic one (no environment event); the rest are choices. */
  step(s: ModelState<L>, ctx: ModelContext): Branch<L>[];
}

/** A fresh state at a path's first label. */
export function initialState<L extends string>(
  label: L,
  flags: number,
  init: { irqs: boolean; fullFrame: boolean; topOfStack: boolean; auditInSyscall: boolean },
): ModelState<L> {
  return {
    label,
    flags: flags >>> 0,
    mask: 0,
    work: 0,
    ...init,
    regsChanged: false,
    lastReadIrqsOff: false,
    owed: 0,
    done: 0,
    sampled: false,
    kind: 0,
    seccomp: 0,
    nrSkip: false,
    fastPath: false,
    entry: 0,
  };
}

/**
 * A machine with its label type forgotten, for registries. Safe because a machine only ever sees
 * states it made itself (its start state and the states its own step returns).
 */
export function anyMachine<L extends string>(m: Machine<L>): Machine {
  return m as unknown as Machine;
}
