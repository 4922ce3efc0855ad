import fc from 'fast-check';
import type { ModelContext } from '../model/context.js';
import { kindName, type Root, rootOf, seccompName } from '../model/root.js';
import type { ScheduledEvent } from '../model/run.js';
import { type Domain, seccompMatters } from './domain.js';

/**
 * How the environment acts in a generated run: IRQ events at given steps (each fires at the first
 * step at or after its own where it can act), and decisions at the steps that branch on the
 * environment (see guided.ts), which a walk of the model turns, with the events, into a schedule.
 */
export interface Plan {
  readonly events: readonly ScheduledEvent[];
  readonly decisions: readonly number[];
}

/** What fast-check generates for a path: a root (initial flags, syscall) and a plan of events. */
export interface PathInput {
  readonly root: Root;
  readonly plan: Plan;
}

/** How far into a run a scheduled event may be placed; the modelled runs take 5-40 steps. */
export const EVENT_HORIZON = 40;

/** IRQ events, at any step up to the horizon; few of them, and none half the time. */
export function scheduleArb(ctx: ModelContext): fc.Arbitrary<ScheduledEvent[]> {
  const ids = [...new Set(ctx.byOccasion['irqs-on'].map((s) => s.id))];
  if (ids.length === 0) return fc.constant([]);
  // None half the time: an interrupt that sets NEED_RESCHED or SIGPENDING sends most paths the
  // slow way, which would otherwise hide what the fast way does.
  const some = fc
    .array(fc.record({ at: fc.nat({ max: EVENT_HORIZON }), id: fc.constantFrom(...ids) }), { maxLength: 4 })
    .map((es) => [...es].sort((a, b) => a.at - b.at || a.id.localeCompare(b.id)));
  return fc.oneof(fc.constant<ScheduledEvent[]>([]), some);
}

/**
 * Initial flags, biased toward small sets and toward the flags the masks treat differently: the
 * bugs this suite exists for are solitary flags and pairs (a uniform subset of 12 flags would
 * rarely leave a flag alone), and a single flag is drawn by first drawing its group of alike-tested
 * flags (Domain.classes), so a flag that one mask has and its neighbour lacks is drawn as often as
 * a whole group of ordinary ones. The empty set is weighted up because a whole syscall of an
 * untraced task starts from it.
 */
export function flagSetArb(domain: Domain): fc.Arbitrary<number> {
  if (domain.bits.length === 0) return fc.constant(0);
  const classes = domain.classes.length > 0 ? domain.classes : [domain.bits];
  const one = fc.tuple(fc.nat({ max: classes.length - 1 }), fc.nat({ max: 31 })).map(([c, i]) => {
    const group = classes[c] ?? [];
    return group[i % group.length] ?? 0;
  });
  // How many flags: none four times in ten, one three times, two twice, else any subset. The count is an
  // integer so that shrinking it drops flags; the picks shrink toward the first group's first flag.
  const n = domain.bits.length;
  return fc
    .tuple(
      fc.integer({ min: 0, max: 9 }),
      fc.array(one, { minLength: 2, maxLength: 2 }),
      fc.subarray([...domain.bits]),
    )
    .map(([u, picks, any]) => {
      const union = (xs: readonly number[]) => xs.reduce((v, b) => (v | b) >>> 0, 0);
      if (u === 9) return union(any);
      return union(picks.slice(0, Math.min(n, u < 4 ? 0 : u < 7 ? 1 : 2)));
    });
}

/**
 * Decisions at the steps that branch: 0 (the deterministic branch) two times in five, and small
 * numbers (the first few choices) more often than large. fast-check shrinks them toward zeros and
 * shorter lists, that is, toward fewer events.
 */
export function decisionsArb(): fc.Arbitrary<number[]> {
  return fc.array(
    fc.oneof(
      { weight: 2, arbitrary: fc.constant(0) },
      { weight: 2, arbitrary: fc.integer({ min: 1, max: 3 }) },
      { weight: 1, arbitrary: fc.integer({ min: 1, max: 31 }) },
    ),
    { maxLength: 6 },
  );
}

/**
 * A root: flags, and for a whole syscall the syscall and the seccomp outcome (shrinking toward the
 * first of each: an ordinary syscall that seccomp allows). `kinds` narrows the syscalls (the
 * search runs one syscall at a time, see fastCheckSearch.ts).
 */
export function rootArb(domain: Domain, kinds: readonly number[] = domain.kinds): fc.Arbitrary<Root> {
  const pick = (xs: readonly number[]) =>
    xs.length <= 1
      ? fc.constant(xs[0] ?? 0)
      : fc.integer({ min: 0, max: xs.length - 1 }).map((i) => xs[i] ?? 0);
  const work =
    domain.workBits.length === 0
      ? fc.constant(0)
      : fc.subarray([...domain.workBits]).map((bs) => bs.reduce((v, b) => (v | b) >>> 0, 0));
  return fc
    .tuple(flagSetArb(domain), pick(kinds), pick(domain.seccomps), work)
    .map(([flags, kind, seccomp, w]) =>
      rootOf(flags, kind, seccompMatters(domain, flags, w) ? seccomp : 0, w),
    );
}

export function planArb(ctx: ModelContext): fc.Arbitrary<Plan> {
  return fc.record({ events: scheduleArb(ctx), decisions: decisionsArb() });
}

/** A root and a plan together, printed with the schedule they make in fast-check's reports. */
export function pathInputArb(
  domain: Domain,
  ctx: ModelContext,
  schedule: (x: PathInput) => readonly ScheduledEvent[],
  kinds: readonly number[] = domain.kinds,
): fc.Arbitrary<PathInput> {
  return fc
    .record({ root: rootArb(domain, kinds), plan: planArb(ctx) })
    .map((x) => describe(x, ctx, schedule));
}

export function rootText(root: Root, ctx: ModelContext): string {
  const syscall =
    root.kind === 0 && root.seccomp === 0
      ? ''
      : `, syscall: ${kindName(root.kind)}${root.seccomp === 0 ? '' : `, seccomp: ${seccompName(root.seccomp)}`}`;
  const work = root.work === 0 ? '' : `, syscall_work: ${ctx.fmtWork(root.work)}`;
  return `flags: ${ctx.fmt(root.flags)}${work}${syscall}`;
}

export function describe(
  x: PathInput,
  ctx: ModelContext,
  schedule: (x: PathInput) => readonly ScheduledEvent[],
): PathInput {
  const text = () =>
    `{ ${rootText(x.root, ctx)}, events: [${schedule(x)
      .map((e) => `${e.id}@${e.at}`)
      .join(', ')}] }`;
  return Object.assign({ ...x }, { [fc.toStringMethod]: text });
}
