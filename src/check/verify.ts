import type { PathId } from '../kernels/pathId.js';
import { type ModelContext, type ModelInput, makeContext } from '../model/context.js';
import { type Machine, pathMasks } from '../model/machine.js';
import { machineFor } from '../model/machines/registry.js';
import { kindName, type Root, rootOf, rootSize } from '../model/root.js';
import { run, type ScheduledEvent } from '../model/run.js';
import { type Domain, domainOf, latentFlags, withBits } from './domain.js';
import { evaluateRun } from './evaluate.js';
import { explore, MAX_STATES, minimalCounterexample } from './exhaustive.js';
import { searchPath } from './fastCheckSearch.js';
import { memoised } from './jobMemo.js';
import type { JobRunner, PathJob } from './pathJobs.js';
import { NO_PROGRESS, type Progress, statesOf } from './progress.js';
import type { KernelProperty, PathProperty, Property } from './property.js';
import type { CheckResult, Counterexample, FoundBy, Method } from './result.js';
import { DEFAULT_RUNS, DEFAULT_SEED, EXHAUSTIVE_MAX_BITS } from './settings.js';

export interface VerifyOptions {
  /** `auto`: exhaustive where the domain is small enough, else fast-check. */
  readonly method: 'auto' | Method;
  readonly runs: number;
  readonly seed: number;
  /** Also search bits no flag defines and flags the kernel never sets. */
  readonly raw: boolean;
  readonly paths?: readonly PathId[];
  /**
   * `none`: initial flag sets only, no asynchronous event and no choice inside a step (a tracer's
   * request, the values pt_regs hold): the question a model of the flags alone answers (SPIN's
   * exit313.pml without ASYNC). Absent: every event schedule.
   */
  readonly events?: 'none';
}

export const DEFAULT_OPTIONS: VerifyOptions = {
  method: 'auto',
  runs: DEFAULT_RUNS,
  seed: DEFAULT_SEED,
  raw: false,
};

/** One path job after another, in this thread. */
export const IN_PROCESS: JobRunner = {
  run(jobs, done) {
    return jobs.map((job, i) => {
      const r = checkPathJob(job);
      done?.(i, r);
      return r;
    });
  },
};

/** Every property on every path the context's kernel models (or the chosen paths). */
export function verifyContext(
  ctx: ModelContext,
  properties: readonly Property[],
  options: VerifyOptions = DEFAULT_OPTIONS,
  progress: Progress = NO_PROGRESS,
  runner: JobRunner = IN_PROCESS,
): CheckResult[] {
  return verifyInputs([ctx.input], properties, options, progress, runner)[0] ?? [];
}

/**
 * `verifyContext` for several subjects at once, each subject's results in its own list: their
 * paths go to the runner together, so that a runner with several workers keeps them all busy.
 */
export function verifyInputs(
  inputs: readonly ModelInput[],
  properties: readonly Property[],
  options: VerifyOptions = DEFAULT_OPTIONS,
  progress: Progress = NO_PROGRESS,
  runner: JobRunner = IN_PROCESS,
): CheckResult[][] {
  const jobs: PathJob[] = [];
  const owner: number[] = [];
  const out: CheckResult[][] = inputs.map(() => []);
  for (const [i, input] of inputs.entries()) {
    const paths = input.behaviour.paths.filter(
      (p) => options.paths === undefined || options.paths.includes(p),
    );
    if (paths.length === 0) {
      const ctx = makeContext(input);
      const names = [...input.masks.keys()];
      for (const kp of properties)
        if (kp.kind === 'kernel') out[i]?.push(checkMasks(ctx, kp, null, names, undefined));
      continue;
    }
    for (const path of paths) {
      jobs.push({ input, path, properties, options });
      owner.push(i);
    }
  }
  let states = 0;
  let done = 0;
  const label = (j: PathJob) => `${j.input.source} ${j.path}`;
  if (jobs[0] !== undefined) progress.step(0, jobs.length, label(jobs[0]), 0);
  const results = runner.run(jobs, (index, r) => {
    states += statesOf(r);
    done++;
    const next = jobs[index + 1] ?? jobs[index];
    progress.step(done, jobs.length, next === undefined ? '' : label(next), states);
  });
  for (const [j, r] of results.entries()) out[owner[j] as number]?.push(...r);
  return out;
}

/**
 * verify's work on one path of one subject: every path property that applies there, then the
 * mask lints on the masks the path tests. Plain data in and out, so that it can run in a worker.
 */
export function checkPathJob(job: PathJob): CheckResult[] {
  return memoised(job, checkPathJobOnce);
}

function checkPathJobOnce(job: PathJob): CheckResult[] {
  const { input, path, properties, options } = job;
  const machine = machineFor(input.behaviour.exitModel, path);
  if (machine === undefined)
    throw new Error(`${input.pathsFrom} lists path ${path} but no machine models it`);
  const here = makeContext(input, path);
  const results = checkPath(
    here,
    machine,
    properties.filter((p): p is PathProperty => p.kind === 'path' && p.appliesTo(machine, here)),
    options,
  );
  for (const kp of properties)
    if (kp.kind === 'kernel')
      results.push(checkMasks(here, kp, path, pathMasks(machine, here.input.behaviour), machine));
  return results;
}

function checkPath(
  ctx: ModelContext,
  machine: Machine,
  props: readonly PathProperty[],
  options: VerifyOptions,
): CheckResult[] {
  const domain = domainOf(ctx, machine, options.raw);
  const exhaustive =
    options.method === 'exhaustive' ||
    (options.method === 'auto' && domain.bits.length + domain.workBits.length <= EXHAUSTIVE_MAX_BITS);
  const withEvents = options.events !== 'none';
  const ex = exhaustive ? explore(machine, ctx, props, domain, MAX_STATES, withEvents) : undefined;
  const atEntry = ctx.pendingAtEntry(machine.path);
  const entryDomain = withBits(
    domain,
    domain.bits.filter((b) => (b & atEntry) !== 0),
  );
  const noEvents = withEvents ? {} : { events: 'none' as const };
  return props.map((prop): CheckResult => {
    const decided = ex !== undefined && (ex.complete || ex.found.has(prop.id)) ? ex : undefined;
    const method: Method = decided !== undefined ? 'exhaustive' : 'fast-check';
    let input: { root: Root; schedule: readonly ScheduledEvent[] } | undefined;
    let foundBy: FoundBy = {};
    let coverage: CheckResult['coverage'];
    if (decided !== undefined) {
      coverage = {
        initialStates: decided.initialStates,
        states: decided.states,
        domainBits: domain.bits.length + domain.workBits.length,
        complete: decided.complete,
        ...noEvents,
      };
      const witness = decided.found.get(prop.id);
      if (witness !== undefined) {
        const size = rootSize(witness.root) + witness.schedule.length;
        input = minimalCounterexample(machine, ctx, prop, domain, size, withEvents) ?? witness;
        foundBy = { exhaustive: { initialStates: decided.initialStates, states: decided.states } };
      }
    } else {
      const out = searchPath(machine, ctx, prop, domain, {
        seed: options.seed,
        numRuns: options.runs,
        events: withEvents,
      });
      coverage = { runs: out.runs, domainBits: domain.bits.length + domain.workBits.length, ...noEvents };
      if (out.violated) {
        input = out;
        const syscall = out.kind === undefined ? {} : { syscall: kindName(out.kind) };
        foundBy = {
          fastCheck: { seed: out.seed, path: out.path, ...syscall, shrinks: out.shrinks, runs: out.runs },
        };
      }
    }
    if (input === undefined)
      return { property: prop.id, path: machine.path, verdict: 'holds', method, coverage };
    const cx = counterexampleOf(ctx, machine, prop, input.root, input.schedule, foundBy);
    const counterexample =
      cx.latent.flags === 0
        ? cx
        : { ...cx, reachable: reachableCounterexample(ctx, machine, prop, entryDomain, method, options) };
    return { property: prop.id, path: machine.path, verdict: 'violated', method, coverage, counterexample };
  });
}

/**
 * For a latent counterexample: the smallest input whose initial flags can all be pending when the
 * path begins (the events are real setters, so such a run can happen), or, searched exhaustively,
 * the proof that there is none.
 */
function reachableCounterexample(
  ctx: ModelContext,
  machine: Machine,
  prop: PathProperty,
  entryDomain: Domain,
  method: Method,
  options: VerifyOptions,
): NonNullable<Counterexample['reachable']> {
  let input: { root: Root; schedule: readonly ScheduledEvent[] };
  const withEvents = options.events !== 'none';
  if (method === 'exhaustive') {
    const ex = explore(machine, ctx, [prop], entryDomain, MAX_STATES, withEvents);
    const witness = ex.found.get(prop.id);
    if (witness === undefined) return { kind: 'none', method, initialStates: ex.initialStates };
    input =
      minimalCounterexample(
        machine,
        ctx,
        prop,
        entryDomain,
        rootSize(witness.root) + witness.schedule.length,
        withEvents,
      ) ?? witness;
  } else {
    const out = searchPath(machine, ctx, prop, entryDomain, {
      seed: options.seed,
      numRuns: options.runs,
      events: withEvents,
    });
    if (!out.violated) return { kind: 'none', method, runs: out.runs };
    input = out;
  }
  const r = run(machine, ctx, input.root, input.schedule);
  const v = evaluateRun(prop, ctx, r);
  if (v === undefined) throw new Error(`${prop.id}: reachable counterexample does not replay`);
  return { kind: 'found', root: input.root, events: r.fired, message: v.message, run: r, step: v.step };
}

/** Replays an input and packs it as a counterexample; a failure to reproduce is a bug in tifcheck. */
export function counterexampleOf(
  ctx: ModelContext,
  machine: Machine,
  prop: PathProperty,
  root: Root,
  schedule: readonly { at: number; id: string }[],
  foundBy: FoundBy,
): Counterexample {
  const r = run(machine, ctx, root, schedule);
  const v = evaluateRun(prop, ctx, r);
  if (v === undefined)
    throw new Error(`${prop.id} on ${machine.path}: counterexample ${ctx.fmt(root.flags)} does not replay`);
  return {
    root,
    events: r.fired,
    message: v.message,
    run: r,
    step: v.step,
    latent: latentFlags(ctx, machine.path, root.flags),
    foundBy,
  };
}

/**
 * A mask lint on the masks a path tests; when it finds dead bits, the counterexample is the path run
 * with the lowest of them set (what the kernel would do if anything ever set it).
 */
function checkMasks(
  ctx: ModelContext,
  prop: KernelProperty,
  path: PathId | null,
  maskNames: readonly string[],
  machine: Machine | undefined,
): CheckResult {
  const finding = prop.check(ctx, maskNames);
  const coverage = { domainBits: 0 };
  if (finding === undefined)
    return { property: prop.id, path, verdict: 'holds', method: 'exhaustive', coverage };
  const bits = finding.masks.reduce((v, m) => (v | m.bits) >>> 0, 0);
  const lowest = (bits & -bits) >>> 0;
  const r =
    machine === undefined
      ? { outcome: 'returned' as const, trace: [], fired: [] }
      : run(machine, ctx, lowest, []);
  const counterexample: Counterexample = {
    root: rootOf(lowest),
    events: [],
    message: finding.message,
    run: r,
    step: Math.max(0, r.trace.length - 1),
    latent: machine === undefined ? { flags: lowest, why: [] } : latentFlags(ctx, machine.path, lowest),
    masks: finding.masks,
    foundBy: { exhaustive: { initialStates: 1, states: r.trace.length } },
  };
  return { property: prop.id, path, verdict: 'violated', method: 'exhaustive', coverage, counterexample };
}
