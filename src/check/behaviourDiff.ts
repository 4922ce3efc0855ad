import { decompose } from '../flags/decompose.js';
import type { PathId } from '../kernels/pathId.js';
import { type ModelContext, type ModelInput, makeContext } from '../model/context.js';
import type { Machine } from '../model/machine.js';
import { machineFor } from '../model/machines/registry.js';
import { type Root, rootOf } from '../model/root.js';
import { DEFAULT_STEP_LIMIT, type Run, run, type ScheduledEvent } from '../model/run.js';
import type { PathInput } from './arbitraries.js';
import { type Domain, domainOf, latentFlags, rootsInOrder } from './domain.js';
import { guidedSchedule } from './guided.js';
import { EXHAUSTIVE_MAX_BITS } from './settings.js';
import { smallScope } from './smallScope.js';

/**
 * What one run shows a user-mode observer and a kernel developer reading a trace: the C functions
 * called, in order; how it ended; for a return, the instruction, where, and the flags still set; for
 * a BUG or exit, where. Program points and `%edi` are left out: two mask sets that route the same
 * input through different labels but do the same work behave the same.
 */
function observe(ctx: ModelContext, r: Run): string {
  const fns = r.trace.flatMap((e) => e.calls.map((c) => c.fn));
  const calls = fns.length === 0 ? 'no calls' : `calls ${fns.join(' ')}`;
  if (r.returned !== undefined) {
    const left = r.returned.state.flags === 0 ? 'no flags' : ctx.fmt(r.returned.state.flags);
    return `returned ${r.returned.via} at ${r.returned.at} with ${left}: ${calls}`;
  }
  if (r.stopped !== undefined) return `${r.outcome} at ${r.stopped.at}: ${calls}`;
  return `${r.outcome}: ${calls}`;
}

/** One input on both sides: initial flags and syscall, the events in the order they are scheduled. */
export interface DiffInput {
  /** Flag names (the two sides may number bits differently, and keep a mode in another word). */
  readonly flags: readonly string[];
  readonly kind: number;
  readonly seccomp: number;
  readonly events: readonly ScheduledEvent[];
}

export interface BehaviourExample {
  readonly input: DiffInput;
  readonly base: Run;
  readonly proposed: Run;
  /** What each side shows on this input. */
  readonly baseShows: string;
  readonly proposedShows: string;
  /** Every initial flag can be pending when the path begins, on both sides. */
  readonly reachable: boolean;
}

/** The behavioural comparison of one path. */
export interface PathBehaviourDiff {
  readonly path: PathId;
  /** Initial inputs without events: all of them when `exhaustive`. */
  readonly initialStates: number;
  readonly exhaustive: boolean;
  /** Inputs with one or two events or tracer decisions (the small scope of both sides). */
  readonly withEvents: number;
  /** Distinct (flags, syscall, events) groups compared; each over every timing either side tried. */
  readonly groups: number;
  readonly differing: number;
  readonly differingReachable: number;
  /** Flags one side can be given that the other does not define: left out of the comparison. */
  readonly skippedFlags: readonly string[];
  /** The smallest differing input, and the smallest reachable one when that is another. */
  readonly smallest?: BehaviourExample;
  readonly smallestReachable?: BehaviourExample;
}

interface Side {
  readonly machine: Machine;
  readonly ctx: ModelContext;
  readonly domain: Domain;
}

function sideOf(input: ModelInput, path: PathId): Side | undefined {
  const machine = machineFor(input.behaviour.exitModel, path);
  if (machine === undefined) return undefined;
  const ctx = makeContext(input, path);
  return { machine, ctx, domain: domainOf(ctx, machine, false) };
}

/**
 * The names of a root's flags, ti->flags first, then generic entry's ti->syscall_work. A mode is
 * one name in both eras (SYSCALL_TRACE is a TIF flag in 4.x and a syscall_work flag in 5.11), so
 * each side reads a name in whichever word it keeps it.
 */
const namesOf = (ctx: ModelContext, flags: number, work = 0): readonly string[] => [
  ...decompose(flags, ctx.input.table).flags,
  ...(ctx.input.workTable === undefined ? [] : decompose(work, ctx.input.workTable).flags),
];

const hasName = (ctx: ModelContext, n: string): boolean => ctx.bit(n) !== 0 || ctx.workBit(n) !== 0;

/** The names are the flags both sides define, so each side has a bit for every one. */
function bitsOfNames(ctx: ModelContext, names: readonly string[]): { flags: number; work: number } {
  let flags = 0;
  let work = 0;
  for (const n of names) {
    if (ctx.bit(n) !== 0) flags |= ctx.bit(n);
    else work |= ctx.workBit(n);
  }
  return { flags: flags >>> 0, work: work >>> 0 };
}

/** A side's domain over the given flags (named in both kernels), with its own syscalls and outcomes. */
function overFlags(side: Side, names: readonly string[]): Domain {
  const { flags: value, work } = bitsOfNames(side.ctx, names);
  const bits = names.map((n) => side.ctx.bit(n)).filter((b) => b !== 0);
  const workBits = names.filter((n) => side.ctx.bit(n) === 0).map((n) => side.ctx.workBit(n));
  const whole = side.machine.wholeSyscall;
  return {
    ...side.domain,
    bits,
    value,
    classes: bits.map((b) => [b]),
    seccompBit: whole ? (value & side.ctx.bit('SECCOMP')) >>> 0 : 0,
    workBits,
    seccompWorkBit: whole ? (work & side.ctx.workBit('SECCOMP')) >>> 0 : 0,
  };
}

/** The names of a side's domain, both words. */
const domainNames = (side: Side): readonly string[] =>
  namesOf(
    side.ctx,
    side.domain.value,
    side.domain.workBits.reduce((v, b) => (v | b) >>> 0, 0),
  );

/**
 * Runs both sides on every initial input without events (all of them, where the flags are few
 * enough) and on each side's small scope (every input of at most two flags and events, each with
 * one more tracer decision), and compares, per input, the set of observations over every timing of
 * its events that either side tried: a change that only moves the step where an interrupt lands
 * is not a change in behaviour, one that makes a new outcome possible is.
 */
export function compareBehaviour(base: ModelInput, proposed: ModelInput, path: PathId): PathBehaviourDiff {
  const b = sideOf(base, path);
  const p = sideOf(proposed, path);
  if (b === undefined || p === undefined)
    throw new Error(`compareBehaviour: ${path} is not modelled on both sides`);
  const names = [...new Set([...domainNames(b), ...domainNames(p)])];
  const common = names.filter((n) => hasName(b.ctx, n) && hasName(p.ctx, n));
  const skippedFlags = names.filter((n) => !common.includes(n));
  const bd = overFlags(b, common);
  const pd = overFlags(p, common);

  const groups = new Map<string, Group>();
  let initialStates = 0;
  let withEvents = 0;
  const compare = (side: 'base' | 'proposed', root: Root, events: readonly ScheduledEvent[]): void => {
    const from = side === 'base' ? b : p;
    const input: DiffInput = {
      flags: namesOf(from.ctx, root.flags, root.work),
      kind: root.kind,
      seccomp: root.seccomp,
      events,
    };
    const key = `${input.flags.join('|')} ${root.kind} ${root.seccomp} ${events.map((e) => e.id).join(',')}`;
    let g = groups.get(key);
    if (g === undefined) {
      g = { input, base: new Map(), proposed: new Map(), tried: new Set() };
      groups.set(key, g);
    }
    const timing = events.map((e) => `${e.id}@${e.at}`).join(',');
    if (g.tried.has(timing)) return;
    g.tried.add(timing);
    const x = { ...input, events };
    g.base.set(observe(b.ctx, runOn(b, x, false)), x);
    g.proposed.set(observe(p.ctx, runOn(p, x, false)), x);
  };

  const exhaustive = common.length <= EXHAUSTIVE_MAX_BITS;
  if (exhaustive) {
    for (const root of rootsInOrder(bd)) {
      initialStates++;
      compare('base', root, []);
    }
  }
  for (const side of ['base', 'proposed'] as const) {
    const s = side === 'base' ? b : p;
    const d = side === 'base' ? bd : pd;
    const other = side === 'base' ? p : b;
    const schedule = (x: PathInput) =>
      guidedSchedule(s.machine, s.ctx, x.root, x.plan.events, x.plan.decisions);
    for (const x of smallScope(s.machine, s.ctx, d, d.kinds, schedule)) {
      const events = schedule(x);
      // An event the other kernel has no setter for cannot be given to it.
      if (!events.every((e) => other.ctx.setterNumber(e.id) !== 0)) continue;
      if (events.length === 0) {
        if (!exhaustive) {
          initialStates++;
          compare(side, x.root, events);
        }
        continue;
      }
      withEvents++;
      compare(side, x.root, events);
    }
  }

  const differing: Group[] = [];
  for (const g of groups.values()) if (!sameKeys(g.base, g.proposed)) differing.push(g);
  differing.sort((x, y) => size(x.input) - size(y.input) || x.input.events.length - y.input.events.length);
  const reachable = (g: Group): boolean =>
    latentFlags(b.ctx, path, bitsOfNames(b.ctx, g.input.flags).flags).flags === 0 &&
    latentFlags(p.ctx, path, bitsOfNames(p.ctx, g.input.flags).flags).flags === 0;
  const first = differing[0];
  const firstReachable = differing.find(reachable);
  const example = (g: Group): BehaviourExample => {
    // A timing whose observation the other side never shows, on either side.
    const x =
      [...g.base].find(([o]) => !g.proposed.has(o))?.[1] ??
      [...g.proposed].find(([o]) => !g.base.has(o))?.[1];
    if (x === undefined) throw new Error('a differing group has no differing timing');
    const rb = runOn(b, x, true);
    const rp = runOn(p, x, true);
    return {
      input: x,
      base: rb,
      proposed: rp,
      baseShows: observe(b.ctx, rb),
      proposedShows: observe(p.ctx, rp),
      reachable: reachable(g),
    };
  };
  return {
    path,
    initialStates,
    exhaustive,
    withEvents,
    groups: groups.size,
    differing: differing.length,
    differingReachable: differing.filter(reachable).length,
    skippedFlags,
    ...(first === undefined ? {} : { smallest: example(first) }),
    ...(firstReachable === undefined || firstReachable === first
      ? {}
      : { smallestReachable: example(firstReachable) }),
  };
}

interface Group {
  readonly input: DiffInput;
  /** Observation → the first input (with its timing) that showed it. */
  readonly base: Map<string, DiffInput>;
  readonly proposed: Map<string, DiffInput>;
  readonly tried: Set<string>;
}

/** One input run on a kernel's path, with notes: how the other side of a diff replays a counterexample. */
export function replayOn(input: ModelInput, path: PathId, x: DiffInput): Run | undefined {
  const side = sideOf(input, path);
  if (side === undefined || !x.flags.every((n) => hasName(side.ctx, n))) return undefined;
  if (!x.events.every((e) => side.ctx.setterNumber(e.id) !== 0)) return undefined;
  return runOn(side, x, true);
}

/** A counterexample's input in names both sides can read. */
export function inputOf(ctx: ModelContext, root: Root, events: readonly ScheduledEvent[]): DiffInput {
  return { flags: namesOf(ctx, root.flags, root.work), kind: root.kind, seccomp: root.seccomp, events };
}

function runOn(side: Side, x: DiffInput, notes: boolean): Run {
  const { flags, work } = bitsOfNames(side.ctx, x.flags);
  const root = rootOf(flags, x.kind, x.seccomp, work);
  return run(side.machine, side.ctx, root, x.events, DEFAULT_STEP_LIMIT, notes);
}

const size = (x: DiffInput): number => x.flags.length + x.events.length;

function sameKeys(a: ReadonlyMap<string, unknown>, b: ReadonlyMap<string, unknown>): boolean {
  if (a.size !== b.size) return false;
  for (const k of a.keys()) if (!b.has(k)) return false;
  return true;
}
