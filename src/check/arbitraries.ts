import fc from 'fast-check';
import type { ModelContext } from '../model/context.js';
import { kindName, type Root, rootOf, seccompName } from '../model/root.js';
import type { ScheduledEvent } from '../model/run.js';
import type { Domain } from './domain.js';

/** What fast-check generates for a path: a root (initial flags, syscall) and a schedule of events. */
export interface PathInput {
  readonly root: Root;
  readonly events: readonly ScheduledEvent[];
}

/** How far into a run an event may be scheduled; exits of the modelled kernels take 5-40 steps. */
export const EVENT_HORIZON = 40;

/**
 * Initial flags, biased toward small sets: the bugs this suite exists for are solitary flags and
 * pairs, and a uniform subset of 12 flags would rarely leave a flag alone.
 */
export function flagSetArb(domain: Domain): fc.Arbitrary<number> {
  const union = (xs: readonly number[]) => xs.reduce((v, b) => (v | b) >>> 0, 0);
  if (domain.bits.length === 0) return fc.constant(0);
  return fc
    .oneof(
      {
        weight: 3,
        arbitrary: fc.subarray([...domain.bits], {
          minLength: 0,
          maxLength: Math.min(2, domain.bits.length),
        }),
      },
      { weight: 1, arbitrary: fc.subarray([...domain.bits]) },
    )
    .map(union);
}

/** Events any occasion of the kernel allows, at any step up to the horizon; few of them. */
export function scheduleArb(ctx: ModelContext): fc.Arbitrary<ScheduledEvent[]> {
  const ids = [...new Set(ctx.setters.filter((s) => s.setter.during !== undefined).map((s) => s.id))];
  if (ids.length === 0) return fc.constant([]);
  return fc
    .array(fc.record({ at: fc.nat({ max: EVENT_HORIZON }), id: fc.constantFrom(...ids) }), { maxLength: 4 })
    .map((es) => [...es].sort((a, b) => a.at - b.at || a.id.localeCompare(b.id)));
}

/**
 * A root: flags, and for a whole syscall the syscall and the seccomp outcome (shrinking toward the
 * first of each: an ordinary syscall that seccomp allows).
 */
export function rootArb(domain: Domain): fc.Arbitrary<Root> {
  const pick = (xs: readonly number[]) =>
    xs.length <= 1
      ? fc.constant(xs[0] ?? 0)
      : fc.integer({ min: 0, max: xs.length - 1 }).map((i) => xs[i] ?? 0);
  return fc
    .tuple(flagSetArb(domain), pick(domain.kinds), pick(domain.seccomps))
    .map(([flags, kind, seccomp]) => rootOf(flags, kind, (flags & domain.seccompBit) !== 0 ? seccomp : 0));
}

/** A root and events together, printed by flag name in fast-check's reports. */
export function pathInputArb(domain: Domain, ctx: ModelContext): fc.Arbitrary<PathInput> {
  return fc.record({ root: rootArb(domain), events: scheduleArb(ctx) }).map((x) => describe(x, ctx));
}

export function rootText(root: Root, ctx: ModelContext): string {
  const syscall =
    root.kind === 0 && root.seccomp === 0
      ? ''
      : `, syscall: ${kindName(root.kind)}${root.seccomp === 0 ? '' : `, seccomp: ${seccompName(root.seccomp)}`}`;
  return `flags: ${ctx.fmt(root.flags)}${syscall}`;
}

export function describe(x: PathInput, ctx: ModelContext): PathInput {
  const text = `{ ${rootText(x.root, ctx)}, events: [${x.events.map((e) => `${e.id}@${e.at}`).join(', ')}] }`;
  return Object.assign({ ...x }, { [fc.toStringMethod]: () => text });
}
