import fc from 'fast-check';
import type { ModelContext } from '../model/context.js';
import type { Machine } from '../model/machine.js';
import type { Root } from '../model/root.js';
import { run, type ScheduledEvent } from '../model/run.js';
import { pathInputArb } from './arbitraries.js';
import type { Domain } from './domain.js';
import { evaluateRun } from './evaluate.js';
import type { PathProperty } from './property.js';

export interface SearchOptions {
  readonly seed: number;
  readonly numRuns: number;
  /** A fast-check path, to replay one failure without searching again. */
  readonly path?: string;
}

export type SearchOutcome =
  | { readonly violated: false; readonly runs: number }
  | {
      readonly violated: true;
      readonly runs: number;
      readonly root: Root;
      /** The events that fired in the shrunk run (scheduled events that could not act are dropped). */
      readonly schedule: readonly ScheduledEvent[];
      readonly message: string;
      readonly seed: number;
      readonly path: string;
      readonly shrinks: number;
    };

/**
 * fast-check over roots (initial flags; the syscall and seccomp outcome of a whole syscall) and event schedules for one property of one path. fast-check
 * shrinks toward fewer flags and fewer events; the result is the shrunk input, replayable by seed
 * and path.
 */
export function searchPath(
  machine: Machine,
  ctx: ModelContext,
  prop: PathProperty,
  domain: Domain,
  opts: SearchOptions,
): SearchOutcome {
  const holds = ({ root, events }: { root: Root; events: readonly ScheduledEvent[] }) =>
    evaluateRun(prop, ctx, run(machine, ctx, root, events)) === undefined;
  // Every setting that decides the outcome is given here, so no global fast-check configuration
  // (a test runner's, say) can change what the engine reports.
  const details = fc.check(fc.property(pathInputArb(domain, ctx), holds), {
    seed: opts.seed,
    numRuns: opts.numRuns,
    endOnFailure: false,
    markInterruptAsFailure: false,
    verbose: 0,
    ...(opts.path === undefined ? {} : { path: opts.path }),
  });
  if (!details.failed || details.counterexample === null) return { violated: false, runs: details.numRuns };
  const [input] = details.counterexample;
  const r = run(machine, ctx, input.root, input.events);
  const v = evaluateRun(prop, ctx, r);
  if (v === undefined) throw new Error(`fast-check counterexample for ${prop.id} does not replay`);
  return {
    violated: true,
    runs: details.numRuns,
    root: input.root,
    schedule: r.fired,
    message: v.message,
    seed: details.seed,
    path: details.counterexamplePath ?? '',
    shrinks: details.numShrinks,
  };
}
