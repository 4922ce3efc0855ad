import fc from 'fast-check';
import type { ModelContext } from '../model/context.js';
import type { Machine } from '../model/machine.js';
import type { Root } from '../model/root.js';
import { DEFAULT_STEP_LIMIT, run, type ScheduledEvent } from '../model/run.js';
import { describe, type PathInput, pathInputArb } from './arbitraries.js';
import { type Domain, popcount } from './domain.js';
import { evaluateRun } from './evaluate.js';
import { guidedSchedule } from './guided.js';
import type { PathProperty } from './property.js';
import { smallScope } from './smallScope.js';

export interface SearchOptions {
  readonly seed: number;
  /**
   * Random runs per stratum (the whole search for a path, or each syscall of a whole syscall), after
   * the stratum's small scope (smallScope.ts).
   */
  readonly numRuns: number;
  /** A fast-check path, to replay one failure without searching again (with `kind` for a whole syscall). */
  readonly path?: string;
  readonly kind?: number;
  /** False: random runs only, without the small scope first (to measure what the scope adds). */
  readonly smallScope?: boolean;
  /** False: initial inputs only, every run without events (VerifyOptions.events 'none'). */
  readonly events?: boolean;
}

/**
 * How often each flag was set, at the start or later, in the runs a search judged (shrinking
 * included): fast-check has no coverage report of its own, and a flag a search never sets is a
 * flag it says nothing about.
 */
export interface FlagCoverage {
  readonly judged: number;
  /** By bit: how many judged runs had the flag set at some step. */
  readonly setIn: readonly number[];
}

export type SearchOutcome =
  | { readonly violated: false; readonly runs: number; readonly coverage: FlagCoverage }
  | {
      readonly violated: true;
      readonly coverage: FlagCoverage;
      /** Runs made in all, over every stratum searched. */
      readonly runs: number;
      readonly root: Root;
      /** The events that fired in the shrunk run (scheduled events that could not act are dropped). */
      readonly schedule: readonly ScheduledEvent[];
      readonly message: string;
      readonly seed: number;
      readonly path: string;
      /** For a whole syscall: the syscall whose search found it (the stratum to replay `path` in). */
      readonly kind?: number;
      readonly shrinks: number;
    };

type Found = Extract<SearchOutcome, { violated: true }>;

/**
 * fast-check over roots (initial flags; the syscall and seccomp outcome of a whole syscall) and
 * event schedules for one property of one path, shrinking toward fewer flags and fewer events; the
 * result is the shrunk input, replayable by seed and path.
 *
 * A whole syscall is searched one syscall at a time, its small scope and `numRuns` random runs
 * each: the syscalls take different code (a ptregs stub, an event stop, a sigreturn), so drawing
 * the syscall at random would leave a bug of one syscall a fifth of the runs. The smallest
 * violation over the syscalls is reported.
 */
export function searchPath(
  machine: Machine,
  ctx: ModelContext,
  prop: PathProperty,
  domain: Domain,
  opts: SearchOptions,
): SearchOutcome {
  const strata = machine.wholeSyscall ? domain.kinds.map((k) => [k]) : [domain.kinds];
  let runs = 0;
  let best: Found | undefined;
  const coverage = { judged: 0, setIn: new Array<number>(32).fill(0) };
  for (const kinds of strata) {
    if (opts.kind !== undefined && !kinds.includes(opts.kind)) continue;
    const out = searchStratum(machine, ctx, prop, domain, opts, kinds);
    runs += out.runs;
    coverage.judged += out.coverage.judged;
    out.coverage.setIn.forEach((n, bit) => {
      coverage.setIn[bit] = (coverage.setIn[bit] ?? 0) + n;
    });
    if (!out.violated) continue;
    const found = machine.wholeSyscall ? { ...out, kind: kinds[0] ?? 0 } : out;
    if (best === undefined || size(found) < size(best)) best = found;
  }
  return best === undefined ? { violated: false, runs, coverage } : { ...best, runs, coverage };
}

/** How small an input is: fewer flags first, then fewer events (the order fast-check shrinks toward). */
export function inputSize(flags: number, events: number, work = 0): number {
  return (popcount(flags) + popcount(work)) * 1000 + events;
}

const size = (x: Found): number => inputSize(x.root.flags, x.schedule.length, x.root.work);

function searchStratum(
  machine: Machine,
  ctx: ModelContext,
  prop: PathProperty,
  domain: Domain,
  opts: SearchOptions,
  kinds: readonly number[],
): SearchOutcome {
  const schedule = (x: PathInput): readonly ScheduledEvent[] =>
    opts.events === false ? [] : guidedSchedule(machine, ctx, x.root, x.plan.events, x.plan.decisions);
  const coverage = { judged: 0, setIn: new Array<number>(32).fill(0) };
  const holds = (x: PathInput) => {
    const r = run(machine, ctx, x.root, schedule(x), DEFAULT_STEP_LIMIT, false);
    let set = 0;
    for (const e of r.trace) set |= e.state.flags;
    coverage.judged++;
    for (let bit = 0; bit < 32; bit++)
      if ((set >>> bit) & 1) coverage.setIn[bit] = (coverage.setIn[bit] ?? 0) + 1;
    return evaluateRun(prop, ctx, r) === undefined;
  };
  // Every setting that decides the outcome is given here, so no global fast-check configuration
  // (a test runner's, say) can change what the engine reports.
  // The small scope first, then `numRuns` random runs: fast-check counts its examples as runs.
  const examples = opts.smallScope === false ? [] : smallScope(machine, ctx, domain, kinds, schedule);
  const details = fc.check(fc.property(pathInputArb(domain, ctx, schedule, kinds), holds), {
    seed: opts.seed,
    numRuns: examples.length + opts.numRuns,
    examples: examples.map((x): [PathInput] => [describe(x, ctx, schedule)]),
    endOnFailure: false,
    markInterruptAsFailure: false,
    verbose: 0,
    ...(opts.path === undefined ? {} : { path: opts.path }),
  });
  if (!details.failed || details.counterexample === null)
    return { violated: false, runs: details.numRuns, coverage };
  const [input] = details.counterexample;
  const r = run(machine, ctx, input.root, schedule(input));
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
    coverage,
  };
}
