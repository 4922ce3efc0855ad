import type { ModelContext } from './context.js';
import { asyncEventsAt, type Machine } from './machine.js';
import { begin, fire, hasEffect, notesOf, type Pending, withoutNotes } from './pending.js';
import { asRoot, type Root } from './root.js';
import { type ModelState, stateKey } from './state.js';
import type { Branch, Call, FiredEvent, Returned, Stopped, Terminal } from './transition.js';
import { isReturned, isTerminal } from './transition.js';

/** An environment event, by the id of the setter that acts, at a step of the run. */
export interface ScheduledEvent {
  readonly at: number;
  readonly id: string;
}

/** One step of a run: the state before it, what happened, and where it led. */
export interface TraceEntry {
  readonly step: number;
  readonly state: ModelState;
  readonly notes: readonly string[];
  readonly calls: readonly Call[];
  readonly events: readonly FiredEvent[];
  readonly after: ModelState | Terminal;
  /** This step ended the syscall's entry work (see Branch). */
  readonly entryDone?: boolean;
}

/** How a run ends: back in user mode, never, a BUG(), the task killed, or the safety net. */
export type Outcome = 'returned' | 'livelock' | 'bug' | 'exited' | 'step-limit';

export interface Run {
  readonly outcome: Outcome;
  readonly trace: readonly TraceEntry[];
  readonly returned?: Returned;
  /** For a BUG() or a killed task: where and why. */
  readonly stopped?: Stopped;
  /** For a livelock: the index of the trace entry where the cycle begins. */
  readonly cycleStart?: number;
  /** The events as they actually fired, at the steps where they did (never-fired ones are left out). */
  readonly fired: readonly ScheduledEvent[];
}

const NO_NOTES: readonly string[] = [];

/** A safety net only: exact lasso detection decides livelocks; this is reported as `step-limit`. */
export const DEFAULT_STEP_LIMIT = 5_000;

/**
 * Drives a path from a root (initial flags; for a whole syscall also the syscall and the seccomp
 * outcome) under a finite schedule of events. An event fires at the first step, at or after the
 * one it is scheduled for, where it can act: an IRQ event needs IRQs on and something to change, a
 * tracer action a ptrace stop. (So a schedule need not know the exact step; an event that never
 * finds its occasion never fires.) Once every event is due, the same state with the same events
 * still waiting is a lasso: the run can never return. Without `notes` the trace has none: a search
 * that only judges runs does not pay for formatting them.
 */
export function run(
  machine: Machine,
  ctx: ModelContext,
  root: Root | number,
  schedule: readonly ScheduledEvent[] = [],
  stepLimit = DEFAULT_STEP_LIMIT,
  notes = true,
): Run {
  return notes
    ? runNoted(machine, ctx, root, schedule, stepLimit, true)
    : withoutNotes(() => runNoted(machine, ctx, root, schedule, stepLimit, false));
}

function runNoted(
  machine: Machine,
  ctx: ModelContext,
  root: Root | number,
  schedule: readonly ScheduledEvent[],
  stepLimit: number,
  notes: boolean,
): Run {
  const lastAt = schedule.reduce((m, e) => Math.max(m, e.at), -1);
  // Waiting events, in schedule order (stable for equal steps).
  let waiting = [...schedule].sort((a, b) => a.at - b.at);
  const trace: TraceEntry[] = [];
  const fired: ScheduledEvent[] = [];
  const seen = new Map<string, number>();
  let s: ModelState = machine.start(ctx, asRoot(root));
  for (let i = 0; i < stepLimit; i++) {
    // Environment events between steps: only where IRQs are on.
    const due = fireDueIrqEvents(machine, ctx, begin(s), waiting, i);
    const pre = due.p;
    fired.push(...due.fired);
    waiting = due.left;
    s = pre.s;
    if (i >= lastAt) {
      const k = waiting.length === 0 ? stateKey(s) : `${stateKey(s)}|${waiting.map((e) => e.id).join(',')}`;
      const earlier = seen.get(k);
      if (earlier !== undefined) return { outcome: 'livelock', trace, cycleStart: earlier, fired };
      seen.set(k, trace.length);
    }
    const branch = choose(
      machine.step(s, ctx),
      waiting.filter((e) => e.at <= i),
    );
    for (const ev of branch.events) {
      fired.push({ at: i, id: ev.id });
      const j = waiting.findIndex((e) => e.at <= i && e.id === ev.id);
      waiting = [...waiting.slice(0, j), ...waiting.slice(j + 1)];
    }
    trace.push({
      step: i,
      state: s,
      notes: notes ? [...notesOf(pre.notes), ...notesOf(branch.notes)] : NO_NOTES,
      calls: branch.calls,
      events: [...pre.events, ...branch.events],
      after: branch.next,
      ...(branch.entryDone === true ? { entryDone: true } : {}),
    });
    if (isReturned(branch.next)) return { outcome: 'returned', trace, returned: branch.next, fired };
    if (isTerminal(branch.next)) return { outcome: branch.next.kind, trace, stopped: branch.next, fired };
    s = branch.next;
  }
  return { outcome: 'step-limit', trace, fired };
}

/**
 * Before step `step`: each waiting IRQ event whose step has come, in order, fires if IRQs are on and
 * it would change something; the others keep waiting. `run` and the fuzzer's schedule builder
 * (check/guided.ts) both fire events this way, so a schedule one builds the other replays.
 */
export function fireDueIrqEvents<L extends string>(
  machine: Machine,
  ctx: ModelContext,
  p: Pending<L>,
  waiting: readonly ScheduledEvent[],
  step: number,
): { p: Pending<L>; fired: ScheduledEvent[]; left: ScheduledEvent[] } {
  let q = p;
  const fired: ScheduledEvent[] = [];
  const left: ScheduledEvent[] = [];
  for (const e of waiting) {
    const cs = e.at <= step ? asyncEventsAt(machine, q.s, ctx).find((c) => c.id === e.id) : undefined;
    if (cs !== undefined && hasEffect(q.s, cs)) {
      q = fire(q, cs, 'irqs-on', ctx);
      fired.push({ at: step, id: e.id });
    } else left.push(e);
  }
  return { p: q, fired, left };
}

/** The branch whose events are all due at this step, taking the one that uses most of them. */
function choose(branches: readonly Branch[], due: readonly ScheduledEvent[]): Branch {
  const ids = new Set(due.map((e) => e.id));
  let best = branches[0];
  if (best === undefined) throw new Error('a step must have a branch');
  for (const b of branches) {
    if (b.events.every((e) => ids.has(e.id)) && b.events.length > best.events.length) best = b;
  }
  return best;
}
