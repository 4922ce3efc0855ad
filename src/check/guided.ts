import type { ModelContext } from '../model/context.js';
import type { Machine } from '../model/machine.js';
import { begin } from '../model/pending.js';
import type { Root } from '../model/root.js';
import { fireDueIrqEvents, type ScheduledEvent } from '../model/run.js';
import { isTerminal } from '../model/transition.js';

/**
 * A schedule of events built by walking the model and taking `decisions` at the steps that branch
 * on the environment (a tracer action at a stop, a signal held back, a notifier moved at a
 * switch): 0 takes the deterministic branch, k the k-th choice. fast-check generates decisions
 * for these rather than (step, event) pairs because a step that branches is rare and hard to hit
 * by number; IRQ events, which can happen at most steps, come from the schedule given. The result
 * is one schedule, replayed by `run` like any other, so a counterexample is still a schedule.
 */
export function guidedSchedule(
  machine: Machine,
  ctx: ModelContext,
  root: Root,
  irqEvents: readonly ScheduledEvent[],
  decisions: readonly number[],
  stepLimit = 400,
): ScheduledEvent[] {
  const out: ScheduledEvent[] = [];
  let s = machine.start(ctx, root);
  let d = 0;
  let waiting = irqEvents.filter((e) => ctx.byOccasion['irqs-on'].some((cs) => cs.id === e.id));
  for (let step = 0; step < stepLimit; step++) {
    // IRQ events fire as `run` fires them: at the first step at or after theirs where they act.
    const due = fireDueIrqEvents(machine, ctx, begin(s), waiting, step);
    s = due.p.s;
    out.push(...due.fired);
    waiting = due.left;
    if (d >= decisions.length && waiting.length === 0) break;
    const branches = machine.step(s, ctx);
    let b = branches[0];
    if (branches.length > 1 && d < decisions.length) {
      const k = decisions[d++] ?? 0;
      b = k === 0 ? branches[0] : branches[1 + ((k - 1) % (branches.length - 1))];
    }
    if (b === undefined) throw new Error(`${machine.path}: no step from ${s.label}`);
    for (const e of b.events) out.push({ at: step, id: e.id });
    if (isTerminal(b.next)) break;
    s = b.next;
  }
  return out;
}
