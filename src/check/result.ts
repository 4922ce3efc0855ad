import type { PathId } from '../kernels/pathId.js';
import type { Root } from '../model/root.js';
import type { Run, ScheduledEvent } from '../model/run.js';
import type { PropertyId } from './propertyId.js';

export type Method = 'exhaustive' | 'fast-check';
export type Verdict = 'holds' | 'violated';

/** How a counterexample was found, so it can be found again. */
export interface FoundBy {
  readonly exhaustive?: { readonly initialStates: number; readonly states: number };
  readonly fastCheck?: {
    readonly seed: number;
    readonly path: string;
    /** A whole syscall is searched one syscall at a time; the one whose search `path` belongs to. */
    readonly syscall?: string;
    readonly shrinks: number;
    readonly runs: number;
  };
}

/** A minimal input that breaks a property, and the run it produces. */
export interface Counterexample {
  /** Initial flags, and for a whole syscall the syscall and seccomp outcome. */
  readonly root: Root;
  readonly events: readonly ScheduledEvent[];
  readonly message: string;
  readonly run: Run;
  /** The index of the trace entry at which the property breaks. */
  readonly step: number;
  /** Flags of the input that no code of this kernel can leave pending when the path begins. */
  readonly latent: { readonly flags: number; readonly why: readonly string[] };
  /**
   * When the minimal counterexample is latent: the smallest one whose initial flags can all be
   * pending at the path's start, or a proof (exhaustive) or report (fast-check) that none was found.
   */
  readonly reachable?:
    | {
        readonly kind: 'found';
        readonly root: Root;
        readonly events: readonly ScheduledEvent[];
        readonly message: string;
        readonly run: Run;
        readonly step: number;
      }
    | {
        readonly kind: 'none';
        readonly method: Method;
        readonly initialStates?: number;
        readonly runs?: number;
      };
  /** For mask lints: the masks and the bits no flag defines. */
  readonly masks?: readonly { readonly name: string; readonly bits: number }[];
  readonly foundBy: FoundBy;
}

/** One property on one path (or on the masks alone: path null) of one kernel. */
export interface CheckResult {
  readonly property: PropertyId;
  readonly path: PathId | null;
  readonly verdict: Verdict;
  readonly method: Method;
  /** Exhaustive: roots covered (flag sets, times syscalls for a whole syscall); fast-check: runs made. */
  readonly coverage: {
    readonly initialStates?: number;
    readonly states?: number;
    readonly runs?: number;
    readonly domainBits: number;
    /** Exhaustive only: false if the state budget ran out before the whole space was explored. */
    readonly complete?: boolean;
    /** `none`: searched without events (VerifyOptions.events). */
    readonly events?: 'none';
  };
  readonly counterexample?: Counterexample;
}

/** Where a verdict stands: a property on a path (null: on the masks alone). */
export interface Place {
  readonly property: PropertyId;
  readonly path: PathId | null;
}

/** One key per place, to match a verdict before a change with the one after it. */
export const placeKey = (r: { readonly property: string; readonly path: string | null }): string =>
  `${r.property} ${r.path ?? ''}`;
