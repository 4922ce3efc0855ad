import type { ModelContext } from '../model/context.js';
import { asyncEventsAt, type Machine } from '../model/machine.js';
import { begin, hasEffect } from '../model/pending.js';
import { type Root, rootSize } from '../model/root.js';
import { fireDueIrqEvents, type ScheduledEvent } from '../model/run.js';
import { isTerminal } from '../model/transition.js';
import { EVENT_HORIZON, type PathInput, type Plan } from './arbitraries.js';
import { type Domain, flagSetsInOrder, popcount, rootsWith } from './domain.js';

/**
 * The inputs every fast-check search tries before its random runs: every input of size at most
 * two (flags plus events: two flags; one flag and one event; two events), each also with one more
 * tracer or scheduler decision, smallest first. The bugs this suite is about are small (a solitary
 * flag, a pair, a flag and one interrupt at the wrong moment), and a random run hits one particular
 * small input rarely: a pair of 12 flags is one draw in 66, an interrupt at one step of thirty
 * rarer still. Decisions get one more because a run branches on them at only a few steps (ptrace
 * stops, a task switch), so adding one costs little. The number grows as flags squared, times the
 * steps of a run for the events: a few hundred to a few thousand runs of a few dozen steps.
 */
export function smallScope(
  machine: Machine,
  ctx: ModelContext,
  domain: Domain,
  kinds: readonly number[],
  schedule: (x: PathInput) => readonly ScheduledEvent[],
): readonly PathInput[] {
  // Every property of a path searches the same small scope, and building it walks each input's
  // run twice: build it once per machine, context (which is per path) and domain.
  const key = `${domain.value} ${domain.raw} ${kinds.join(',')}`;
  let byContext = built.get(machine);
  if (byContext === undefined) {
    byContext = new WeakMap();
    built.set(machine, byContext);
  }
  let byKey = byContext.get(ctx);
  if (byKey === undefined) {
    byKey = new Map();
    byContext.set(ctx, byKey);
  }
  const known = byKey.get(key);
  if (known !== undefined) return known;
  const scope = buildSmallScope(machine, ctx, domain, kinds, schedule);
  byKey.set(key, scope);
  return scope;
}

const built = new WeakMap<Machine, WeakMap<ModelContext, Map<string, readonly PathInput[]>>>();

function buildSmallScope(
  machine: Machine,
  ctx: ModelContext,
  domain: Domain,
  kinds: readonly number[],
  schedule: (x: PathInput) => readonly ScheduledEvent[],
): PathInput[] {
  const none: Plan = { events: [], decisions: [] };
  const roots = (n: number): Root[] =>
    flagSetsInOrder(domain)
      .filter((f) => popcount(f.flags) + popcount(f.work) === n)
      .flatMap((f) => rootsWith(domain, f.flags, f.work))
      .filter((r) => kinds.includes(r.kind));
  const bare = [0, 1, 2].flatMap((n) => roots(n).map((root) => ({ root, plan: none })));
  const more = (x: PathInput, what: EventKind): PathInput[] =>
    oneMoreEvent(machine, ctx, x.root, x.plan, what).map((plan) => ({ root: x.root, plan }));
  const oneEvent = bare.filter((x) => rootSize(x.root) <= 1).flatMap((x) => more(x, 'any'));
  const twoEvents = oneEvent.filter((x) => rootSize(x.root) === 0).flatMap((x) => more(x, 'any'));
  const upToTwo = [...bare, ...oneEvent, ...twoEvents];
  const all = [...upToTwo, ...upToTwo.flatMap((x) => more(x, 'decision'))];

  // Distinct runs only, ordered as the exhaustive minimum is: by flags plus events, then events.
  const seen = new Set<string>();
  const sized: { x: PathInput; size: number; events: number }[] = [];
  for (const x of all) {
    const events = schedule(x);
    const key = `${x.root.flags} ${x.root.work} ${x.root.kind} ${x.root.seccomp} ${events.map((e) => `${e.id}@${e.at}`).join(' ')}`;
    if (seen.has(key)) continue;
    seen.add(key);
    sized.push({ x, size: rootSize(x.root) + events.length, events: events.length });
  }
  sized.sort((a, b) => a.size - b.size || a.events - b.events);
  return sized.map((s) => s.x);
}

type EventKind = 'any' | 'decision';

/**
 * The plans with one more event than `plan`, after all of its own: an IRQ event at a step where
 * IRQs are on and it would change something (unless only decisions are asked for), or a choice at
 * a step that branches. Walks the run as `guidedSchedule` does, up to the event horizon.
 */
function oneMoreEvent(machine: Machine, ctx: ModelContext, root: Root, plan: Plan, what: EventKind): Plan[] {
  const out: Plan[] = [];
  let s = machine.start(ctx, root);
  let waiting = plan.events.filter((e) => ctx.byOccasion['irqs-on'].some((cs) => cs.id === e.id));
  let d = 0;
  let branching = 0;
  for (let step = 0; step < EVENT_HORIZON; step++) {
    const due = fireDueIrqEvents(machine, ctx, begin(s), waiting, step);
    s = due.p.s;
    waiting = due.left;
    // Past every event of the plan: a new one here comes after them.
    const free = waiting.length === 0 && d >= plan.decisions.length;
    if (free && what === 'any') {
      for (const cs of asyncEventsAt(machine, s, ctx)) {
        if (hasEffect(s, cs))
          out.push({ events: [...plan.events, { at: step, id: cs.id }], decisions: plan.decisions });
      }
    }
    const branches = machine.step(s, ctx);
    let b = branches[0];
    if (branches.length > 1) {
      if (d < plan.decisions.length) {
        const k = plan.decisions[d++] ?? 0;
        b = k === 0 ? branches[0] : branches[1 + ((k - 1) % (branches.length - 1))];
      } else if (free) {
        const skip = new Array<number>(branching - plan.decisions.length).fill(0);
        for (let v = 1; v < branches.length; v++)
          out.push({ events: plan.events, decisions: [...plan.decisions, ...skip, v] });
      }
      branching++;
    }
    if (b === undefined || isTerminal(b.next)) break;
    s = b.next;
  }
  return out;
}
