import type { CompiledSetter, ModelContext } from '../model/context.js';
import { asyncEventsAt, canonicalWords, type Machine } from '../model/machine.js';
import { copyWords, hashWords, packState, STATE_WORDS, unpackState } from '../model/packedState.js';
import { applySetterToWords, begin, fire, hasEffect, withoutNotes } from '../model/pending.js';
import { type Root, rootSize } from '../model/root.js';
import type { ScheduledEvent } from '../model/run.js';
import { type ModelState, stateKey } from '../model/state.js';
import { type Branch, isReturned, isStopped, isTerminal } from '../model/transition.js';
import { type Domain, rootsInOrder } from './domain.js';
import { EventLists } from './eventLists.js';
import type { PathProperty } from './property.js';
import type { PropertyId } from './propertyId.js';
import { StateStore } from './stateStore.js';

/** An input that breaks a property. */
export interface Found {
  readonly root: Root;
  readonly schedule: readonly ScheduledEvent[];
  readonly message: string;
}

export interface Exploration {
  /** One violating input per violated property (not yet minimal; see `minimalCounterexample`). */
  readonly found: ReadonlyMap<PropertyId, Found>;
  /** Roots in the domain: 2^N flag sets, times the syscalls and seccomp outcomes of a whole syscall. */
  readonly initialStates: number;
  /** Distinct machine states reached, events included. */
  readonly states: number;
  /** False if the state budget ran out: then nothing that holds is proven. */
  readonly complete: boolean;
}

/** A property's verdict on one transition: its step check, then its check of how the run ended. */
export function judge(p: PathProperty, ctx: ModelContext, s: ModelState, b: Branch): string | undefined {
  return (
    p.onStep?.(ctx, s, b) ??
    (isReturned(b.next) ? p.onReturn?.(ctx, b.next) : isStopped(b.next) ? p.onStop?.(ctx, b.next) : undefined)
  );
}

const NO_SETTERS: readonly CompiledSetter[] = [];

/** A safety net for the state budget of one exploration. */
export const MAX_STATES = 2_000_000;

interface Node {
  readonly state: ModelState;
  readonly parent: string | undefined;
  /** Events on the edge from the parent: an IRQ event before a step, or choices inside one. */
  readonly edge: readonly string[];
  /** Steps taken from the root (an IRQ event takes none). */
  readonly step: number;
  /** Events used from the root. */
  readonly cost: number;
  readonly root: number;
}

interface Candidate {
  readonly cost: number;
  readonly found: Found;
}

/** What one search shares: the machine, its context and the memo of event-free continuations. */
class Space {
  readonly det = new Map<string, boolean>();
  complete = true;
  constructor(
    readonly machine: Machine,
    readonly ctx: ModelContext,
  ) {}

  /** Whether the run from `start` returns when no event fires again (else it cycles). */
  returnsWithoutEvents(start: ModelState): boolean {
    const chain: string[] = [];
    const onChain = new Set<string>();
    let s = start;
    let result: boolean;
    for (;;) {
      const k = stateKey(s);
      const memo = this.det.get(k);
      if (memo !== undefined) {
        result = memo;
        break;
      }
      if (onChain.has(k)) {
        result = false;
        break;
      }
      onChain.add(k);
      chain.push(k);
      const b = this.machine.step(s, this.ctx)[0];
      if (b === undefined) throw new Error(`${this.machine.path}: no step from ${s.label}`);
      if (isTerminal(b.next)) {
        result = true;
        break;
      }
      s = b.next;
    }
    for (const k of chain) this.det.set(k, result);
    return result;
  }

  /**
   * Breadth-first search from one root by number of events (0-1 BFS), at most `budget` events,
   * judging every transition by the properties. `nodes` may be shared between roots: a state an
   * earlier root reached was explored then, with everything it leads to.
   */
  search(
    root: Root,
    rootIndex: number,
    nodes: Map<string, Node>,
    props: readonly PathProperty[],
    budget: number,
    maxStates: number,
  ): Map<PropertyId, Candidate> {
    const { machine, ctx } = this;
    const candidates = new Map<PropertyId, Candidate>();
    const s0 = machine.start(ctx, root);
    const k0 = stateKey(s0);
    if (nodes.has(k0)) return candidates;
    nodes.set(k0, { state: s0, parent: undefined, edge: [], step: 0, cost: 0, root: rootIndex });
    const scheduleTo = (key: string, extra: readonly ScheduledEvent[] = []): ScheduledEvent[] => {
      const out: ScheduledEvent[] = [];
      for (let n = nodes.get(key); n?.parent !== undefined; n = nodes.get(n.parent)) {
        const at = nodes.get(n.parent)?.step ?? 0;
        for (const id of [...n.edge].reverse()) out.push({ at, id });
      }
      return [...out.reverse(), ...extra];
    };
    const offer = (
      p: PathProperty,
      cost: number,
      flagsKey: string,
      extra: readonly ScheduledEvent[],
      message: string,
    ): void => {
      const c = candidates.get(p.id);
      if (c === undefined || cost < c.cost) {
        candidates.set(p.id, {
          cost,
          found: { root, schedule: scheduleTo(flagsKey, extra), message },
        });
      }
    };
    const front: string[] = [k0];
    let back: string[] = [];
    let head = 0;
    while (front.length > 0 || head < back.length) {
      const key = front.length > 0 ? (front.pop() as string) : (back[head++] as string);
      if (head > 4096 && head * 2 > back.length) {
        back = back.slice(head);
        head = 0;
      }
      const node = nodes.get(key) as Node;
      const s = node.state;
      const live = props.filter((p) => (candidates.get(p.id)?.cost ?? Number.POSITIVE_INFINITY) > node.cost);
      if (live.length === 0) continue;
      if (live.some((p) => p.violatedByNoReturn) && !this.returnsWithoutEvents(s)) {
        for (const p of live)
          if (p.violatedByNoReturn) offer(p, node.cost, key, [], 'never returns (livelock)');
      }
      const relax = (next: ModelState, edge: readonly string[], isAsync: boolean, weight: number): void => {
        const cost = node.cost + weight;
        if (cost > budget) return;
        const nk = stateKey(next);
        const existing = nodes.get(nk);
        if (existing !== undefined && (existing.root !== rootIndex || existing.cost <= cost)) return;
        if (existing === undefined && nodes.size >= maxStates) {
          this.complete = false;
          return;
        }
        nodes.set(nk, {
          state: next,
          parent: key,
          edge,
          step: node.step + (isAsync ? 0 : 1),
          cost,
          root: rootIndex,
        });
        if (weight === 0) front.push(nk);
        else back.push(nk);
      };
      for (const cs of asyncEventsAt(machine, s, ctx)) {
        if (hasEffect(s, cs)) relax(fire(begin(s), cs, 'irqs-on', ctx).s, [cs.id], true, 1);
      }
      for (const b of machine.step(s, ctx)) {
        const weight = b.events.length > 0 ? 1 : 0;
        const here = b.events.map((e) => ({ at: node.step, id: e.id }));
        for (const p of live) {
          const msg = judge(p, ctx, s, b);
          if (msg !== undefined) offer(p, node.cost + weight, key, here, msg);
        }
        if (!isTerminal(b.next))
          relax(
            b.next,
            b.events.map((e) => e.id),
            false,
            weight,
          );
      }
    }
    return candidates;
  }
}

/**
 * Exhaustive search over every root of the domain and every schedule of environment events: all reachable states of the path, always all of them, so its statistics do not depend on
 * which properties were asked about. Decides every property and keeps one witness for each
 * violated one (`minimalCounterexample` then finds the smallest). A livelock is a reachable state
 * whose event-free continuation cycles; those are found after the search, on the graph of
 * event-free successors.
 */
export function explore(
  machine: Machine,
  ctx: ModelContext,
  props: readonly PathProperty[],
  domain: Domain,
  maxStates = MAX_STATES,
  withEvents = true,
  orderIrqs = true,
): Exploration {
  return withoutNotes(() => search(machine, ctx, props, domain, maxStates, withEvents, orderIrqs));
}

/** `explore`, with notes off (it never reads them). */
function search(
  machine: Machine,
  ctx: ModelContext,
  props: readonly PathProperty[],
  domain: Domain,
  maxStates: number,
  withEvents: boolean,
  orderIrqs: boolean,
): Exploration {
  const store = new StateStore();
  let parent = new Int32Array(1024);
  let stepOf = new Int32Array(1024);
  let rootOf = new Uint32Array(1024);
  const roots = rootsInOrder(domain);
  /** The event-free successor: a state id, RETURNS, or UNKNOWN (not expanded). */
  let detNext = new Int32Array(1024);
  /** Events on the edge from the parent, as an index into `eventLists`; most edges have none (0). */
  let edge = new Int32Array(1024);
  /** For a state first reached by an IRQ event: its index in `irqEvents`, plus one; else 0. */
  let viaIrq = new Uint8Array(1024);
  const irqEvents = ctx.byOccasion['irqs-on'];
  // IRQ events that only set bits (in ti->flags and syscall_work, and the two sticky marks) commute.
  const setsOnly = irqEvents.map((cs) => orderIrqs && cs.clears === 0 && cs.workClears === 0);
  const eventLists = new EventLists();
  const RETURNS = -1;
  const UNKNOWN = -2;
  const found = new Map<PropertyId, Found>();
  let complete = true;

  const scheduleTo = (id: number, extra: readonly ScheduledEvent[] = []): ScheduledEvent[] => {
    const out: ScheduledEvent[] = [];
    for (let n = id; (parent[n] ?? -1) >= 0; n = parent[n] as number) {
      const at = stepOf[parent[n] as number] ?? 0;
      const e = eventLists.get(edge[n] ?? 0);
      for (let i = e.length - 1; i >= 0; i--) out.push({ at, id: e[i] as string });
    }
    return [...out.reverse(), ...extra];
  };
  // States that differ only in registers no later step reads behave alike: keep one of them.
  const canonical = canonicalWords(machine, ctx);
  const scratch = new Int32Array(STATE_WORDS);
  /** Whether the last `add` stored a new state: then its caller names the edge's events. */
  let added = false;
  /**
   * Adds the state in `scratch`: its id, or UNKNOWN past the budget. The edge from `from` carries
   * no events until the caller, for a new state only (`added`), sets `edge[id]`.
   */
  const add = (from: number, step: number, root: number): number => {
    added = false;
    canonical(scratch, 0);
    const h = hashWords(scratch, 0);
    const known = store.find(scratch, 0, h);
    if (known >= 0) return known;
    if (store.size >= maxStates) {
      complete = false;
      return UNKNOWN;
    }
    const id = store.add(scratch, 0, h);
    if (id === parent.length) {
      const grow = <T extends Int32Array | Uint32Array | Uint8Array>(a: T, make: (n: number) => T): T => {
        const b = make(a.length * 2);
        b.set(a);
        return b;
      };
      parent = grow(parent, (n) => new Int32Array(n));
      stepOf = grow(stepOf, (n) => new Int32Array(n));
      rootOf = grow(rootOf, (n) => new Uint32Array(n));
      detNext = grow(detNext, (n) => new Int32Array(n));
      edge = grow(edge, (n) => new Int32Array(n));
      viaIrq = grow(viaIrq, (n) => new Uint8Array(n));
    }
    parent[id] = from;
    edge[id] = 0;
    viaIrq[id] = 0;
    stepOf[id] = step;
    rootOf[id] = root;
    detNext[id] = UNKNOWN;
    added = true;
    return id;
  };

  const judged = props.filter(
    (p) => p.onStep !== undefined || p.onReturn !== undefined || p.onStop !== undefined,
  );
  let expanded = 0;
  let open = judged;
  let openOnStep = open.filter((q) => q.onStep !== undefined);
  for (const [ri, root] of roots.entries()) {
    packState(machine.start(ctx, root), scratch, 0);
    const first = add(-1, 0, ri);
    if (first === UNKNOWN || first < expanded) continue;
    for (; expanded < store.size; expanded++) {
      const id = expanded;
      const s = unpackState(store.all, id * STATE_WORDS);
      const step = stepOf[id] as number;
      const r = rootOf[id] as number;
      const events = withEvents ? asyncEventsAt(machine, s, ctx) : NO_SETTERS;
      // viaIrq indexes ctx.byOccasion['irqs-on'], the one list asyncEventsAt gives.
      if (events.length > 0 && events !== irqEvents)
        throw new Error(`${machine.path}: IRQ events at ${s.label} other than the context's irqs-on list`);
      // A state first reached from `from` by IRQ event k need not fire an event j < k that only
      // sets bits, as k does: `from` fired j before k, so that state (or `from` + j, where k
      // changes nothing) was stored, and expanded, before this one, and its own k led to this
      // one's j. What is skipped are adds that find a stored state: the search is the same.
      const k = (viaIrq[id] as number) - 1;
      const ordered = k > 0 && setsOnly[k] === true;
      for (let j = 0; j < events.length; j++) {
        if (ordered && j < k && setsOnly[j] === true) continue;
        const cs = events[j] as CompiledSetter;
        if (!hasEffect(s, cs)) continue;
        copyWords(store.all, id * STATE_WORDS, scratch, 0);
        applySetterToWords(scratch, 0, cs);
        const next = add(id, step, r);
        if (added) {
          edge[next] = eventLists.of1(cs.id);
          viaIrq[next] = j + 1;
        }
      }
      const branches = machine.step(s, ctx);
      // Without events only the deterministic continuation is taken: every other branch is an
      // environment's choice (checked below: it carries an event).
      const taken = withEvents ? branches.length : Math.min(1, branches.length);
      for (let i = 0; i < taken; i++) {
        const b = branches[i] as Branch;
        // A run replays a schedule by taking the branch whose events are due, else the first: a
        // later branch without events could be explored but never replayed.
        if (i > 0 && b.events.length === 0)
          throw new Error(
            `${machine.path}: branch ${i} at ${s.label} has no event, so no schedule can choose it`,
          );
        // A step into another state can only break a property that judges steps. `open` and
        // `openOnStep` hold each property once, and only those not yet found.
        const terminal = isTerminal(b.next);
        const judging = terminal ? open : openOnStep;
        for (let j = 0; j < judging.length; j++) {
          const p = judging[j] as PathProperty;
          const msg = terminal ? judge(p, ctx, s, b) : p.onStep?.(ctx, s, b);
          if (msg !== undefined) {
            found.set(p.id, {
              root: roots[r] as Root,
              schedule: scheduleTo(
                id,
                b.events.map((e) => ({ at: step, id: e.id })),
              ),
              message: msg,
            });
            open = judged.filter((q) => !found.has(q.id));
            openOnStep = open.filter((q) => q.onStep !== undefined);
          }
        }
        if (terminal) {
          if (i === 0) detNext[id] = RETURNS;
        } else {
          packState(b.next as ModelState, scratch, 0);
          const next = add(id, step + 1, r);
          if (added && b.events.length > 0) edge[next] = eventLists.ofEvents(b.events);
          if (i === 0) detNext[id] = next;
        }
      }
    }
  }

  const livelockProps = props.filter((p) => p.violatedByNoReturn && !found.has(p.id));
  if (livelockProps.length > 0) {
    // 0 unknown, 1 on the current walk, 2 returns, 3 never returns. Unexpanded states count as returning.
    const colour = new Uint8Array(store.size);
    let looping = -1;
    for (let start = 0; start < store.size && looping < 0; start++) {
      if (colour[start] !== 0) continue;
      const walk: number[] = [];
      let n = start;
      let result = 2;
      for (;;) {
        if (n === RETURNS || n === UNKNOWN) break;
        const c = colour[n] as number;
        if (c === 1) {
          result = 3;
          break;
        }
        if (c >= 2) {
          result = c;
          break;
        }
        colour[n] = 1;
        walk.push(n);
        n = detNext[n] as number;
      }
      for (const w of walk) colour[w] = result;
      if (result === 3) looping = start;
    }
    if (looping >= 0) {
      for (const p of livelockProps) {
        found.set(p.id, {
          root: roots[rootOf[looping] as number] as Root,
          schedule: scheduleTo(looping),
          message: 'never returns (livelock)',
        });
      }
    }
  }
  return { found, initialStates: roots.length, states: store.size, complete };
}

/**
 * The canonical minimal counterexample among the domain's roots: fewest flags plus events, then
 * fewest events, then the smallest flag value, then the syscall and seccomp outcome in their
 * listed order, then the earliest schedule. Searches sizes 0, 1, ... up to `maxSize`; undefined if
 * nothing that small breaks the property.
 */
export function minimalCounterexample(
  machine: Machine,
  ctx: ModelContext,
  prop: PathProperty,
  domain: Domain,
  maxSize: number,
  withEvents = true,
  maxStatesPerSearch = 200_000,
): Found | undefined {
  return withoutNotes(() => smallest(machine, ctx, prop, domain, maxSize, withEvents, maxStatesPerSearch));
}

/** `minimalCounterexample`, with notes off (its searches never read them). */
function smallest(
  machine: Machine,
  ctx: ModelContext,
  prop: PathProperty,
  domain: Domain,
  maxSize: number,
  withEvents: boolean,
  maxStatesPerSearch: number,
): Found | undefined {
  const space = new Space(machine, ctx);
  const roots = rootsInOrder(domain);
  for (let size = 0; size <= maxSize; size++) {
    for (let events = 0; events <= (withEvents ? size : 0); events++) {
      const flags = size - events;
      for (const root of roots) {
        if (rootSize(root) !== flags) continue;
        const c = space.search(root, 0, new Map(), [prop], events, maxStatesPerSearch).get(prop.id);
        if (c !== undefined && c.cost === events) return c.found;
      }
    }
  }
  return undefined;
}
