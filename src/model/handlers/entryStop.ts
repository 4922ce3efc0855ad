import { andThen } from '../andThen.js';
import type { ModelContext } from '../context.js';
import { alternatives, type Pending, update } from '../pending.js';
import { ptraceStop } from './ptraceStop.js';

/**
 * Five bits per record: a setter's number (index + 1) in the context, or STOP where a stop began,
 * so that two actions at one stop differ from one action at each of two stops.
 */
const BITS = 5;
const SLOT = (1 << BITS) - 1;
const STOP = SLOT;

/**
 * A ptrace stop during syscall entry (the syscall-entry report, or the seccomp event stop): the
 * tracer may change pt_regs, resume the task in any mode, and set orig_ax to -1 to cancel the
 * syscall. What it did is recorded in the state, so that the same actions can be replayed against
 * another entry (see entryReference.ts).
 */
export function entryStop<L extends string>(p: Pending<L>, ctx: ModelContext, why: string): Pending<L>[] {
  const before = p.events.length;
  return andThen(ptraceStop(p, ctx, why), (q) => alternatives(q, 'syscall-entry-stop', ctx)).map((q) => {
    let packed = push(q.s.entryEvents, STOP);
    // The tracer's actions only: which values a read found in pt_regs is not an action to replay.
    for (const e of q.events.slice(before))
      if (e.occasion !== 'register-read') packed = push(packed, ctx.setterNumber(e.id));
    return update(q, { entryEvents: packed });
  });
}

/** Set once more stops and actions happened than six records hold (an entry that repeats itself). */
const OVERFLOW = 1 << 30;

function push(packed: number, value: number): number {
  if (value <= 0 || value > SLOT) throw new Error(`entry stop record: ${value} does not fit ${BITS} bits`);
  let shift = 0;
  while (shift < 30 && ((packed >>> shift) & SLOT) !== 0) shift += BITS;
  // Saturate rather than grow: the state space stays finite, and entry-work-once has already
  // seen the repetition that filled the record.
  if (shift >= 30) return (packed | OVERFLOW) >>> 0;
  return (packed | (value << shift)) >>> 0;
}

/** The recorded stops, oldest first, each with the tracer's actions by setter id. */
export function recordedStops(ctx: ModelContext, packed: number): string[][] {
  const out: string[][] = [];
  for (let x = packed & ~OVERFLOW; x !== 0; x >>>= BITS) {
    const v = x & SLOT;
    if (v === STOP) out.push([]);
    else out[out.length - 1]?.push(ctx.setters[v - 1]?.id ?? '?');
  }
  return out;
}
