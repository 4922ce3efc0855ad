import type { Occasion } from '../kernels/behaviour/types.js';
import type { CompiledSetter, ModelContext } from './context.js';
import { FLAGS_WORD, NR_SKIP_BIT, REGS_CHANGED_BIT, SYSCALL_WORK_WORD } from './packedState.js';
import { changed, copyState, type ModelState } from './state.js';
import type { Branch, Call, FiredEvent, Returned, Stopped, Via } from './transition.js';

/**
 * A note for the trace. Written as a function where it formats flags: the explorer never reads
 * notes, so it never pays for them; `run` renders them.
 */
export type NoteText = string | (() => string);

export const renderNote = (n: NoteText): string => (typeof n === 'string' ? n : n());

/**
 * Whether steps keep their notes. A search that never reads them (the explorer, a run without
 * notes) turns them off for its duration (`withoutNotes`): making them was a twentieth of a
 * search's time, most of it the collector's.
 */
let keepNotes = true;

/** `f()` with notes off: `note` leaves a step as it is. */
export function withoutNotes<T>(f: () => T): T {
  const was = keepNotes;
  keepNotes = false;
  try {
    return f();
  } finally {
    keepNotes = was;
  }
}

/** Notes as a list that grows at the end without copying (steps branch, so it is shared). */
export type Notes = { readonly text: NoteText; readonly prev: Notes } | null;

export function notesOf(n: Notes): string[] {
  const out: string[] = [];
  for (let x = n; x !== null; x = x.prev) out.push(renderNote(x.text));
  return out.reverse();
}

/** A BUG() or do_exit() inside a handler: the run ends there. */
export interface Halt {
  readonly kind: 'bug' | 'exited';
  readonly at: string;
  readonly what: string;
}

/** A step being built: the state so far and what happened on the way. Immutable. */
export interface Pending<L extends string = string> {
  readonly s: ModelState<L>;
  readonly notes: Notes;
  readonly calls: readonly Call[];
  readonly events: readonly FiredEvent[];
  /** Set when a handler ended the run; handlers after it must not act. */
  readonly halt?: Halt;
}

/** Ends the run inside a handler (a BUG_ON that fires, a seccomp kill). */
export function halt<L extends string>(p: Pending<L>, h: Halt): Pending<L> {
  // Written out, not spread: each spread of a Pending made a new hidden class (hundreds in one
  // search), which left every helper that reads a Pending megamorphic.
  return {
    s: p.s,
    notes: { text: `${h.at}: ${h.what}`, prev: p.notes },
    calls: p.calls,
    events: p.events,
    halt: h,
  };
}

const NONE: readonly never[] = [];

/** A copy of a list with one more item at the end (cheaper in V8 than `[...list, item]`). */
function appended<T>(list: readonly T[], item: T): T[] {
  // Most steps' lists are empty so far (a step's calls and events start empty).
  if (list.length === 0) return [item];
  const out = list.slice();
  out.push(item);
  return out;
}

export const begin = <L extends string>(s: ModelState<L>): Pending<L> => ({
  s,
  notes: null,
  calls: NONE,
  events: NONE,
});

// Once a handler has halted the run, nothing after it happens: notes, changes and calls are dropped.

export function note<L extends string>(p: Pending<L>, text: NoteText): Pending<L> {
  if (p.halt !== undefined || !keepNotes) return p;
  return { s: p.s, notes: { text, prev: p.notes }, calls: p.calls, events: p.events };
}

/**
 * A note made by `format` from `a`, `b` and `c` when it is read: for the steps every search runs at
 * every state, with `format` a function made once (not a closure per call), so that nothing at all
 * is made for the note while notes are off (`withoutNotes`).
 */
export function noteWith<L extends string, A, B, C>(
  p: Pending<L>,
  format: (a: A, b: B, c: C) => string,
  a: A,
  b: B,
  c: C,
): Pending<L> {
  return p.halt !== undefined || !keepNotes ? p : note(p, () => format(a, b, c));
}

export function update<L extends string>(p: Pending<L>, change: Partial<ModelState<L>>): Pending<L> {
  if (p.halt !== undefined) return p;
  return { s: changed(p.s, change), notes: p.notes, calls: p.calls, events: p.events };
}

/**
 * The step with `s` as its state: what the hot helpers use after `copyState` and writes by name,
 * rather than `update`'s Object.assign.
 */
export function withState<L extends string>(p: Pending<L>, s: ModelState<L>): Pending<L> {
  if (p.halt !== undefined) return p;
  return { s, notes: p.notes, calls: p.calls, events: p.events };
}

/** ti->flags set to `flags`. */
export function setFlags<L extends string>(p: Pending<L>, flags: number): Pending<L> {
  const s = copyState(p.s);
  s.flags = flags >>> 0;
  return withState(p, s);
}

/** A setter's effect on a state alone: what the explorer needs for an IRQ event. */
export function applySetter<L extends string>(s: ModelState<L>, cs: CompiledSetter): ModelState<L> {
  const t = copyState(s);
  t.flags = ((s.flags & ~cs.clears) | cs.sets) >>> 0;
  t.syscallWork = ((s.syscallWork & ~cs.workClears) | cs.workSets) >>> 0;
  t.regsChanged = s.regsChanged || cs.changesRegs;
  t.nrSkip = s.nrSkip || cs.skipsSyscall;
  return t;
}

/**
 * `applySetter` on a packed state (model/packedState.ts), in place, for the explorer's IRQ events:
 * the same four changes, checked against `applySetter` by src/model/packedState.test.ts.
 */
export function applySetterToWords(w: Int32Array, at: number, cs: CompiledSetter): void {
  const f = at + FLAGS_WORD;
  const sw = at + SYSCALL_WORK_WORD;
  w[f] = ((w[f] as number) & ~cs.clears) | cs.sets;
  w[sw] = ((w[sw] as number) & ~cs.workClears) | cs.workSets;
  if (cs.changesRegs) w[at] = (w[at] as number) | REGS_CHANGED_BIT;
  if (cs.skipsSyscall) w[at] = (w[at] as number) | NR_SKIP_BIT;
}

/** Records a call of a C function with the frame as it is now. */
export function called<L extends string>(
  p: Pending<L>,
  fn: string,
  takesRegs: boolean,
  needs?: 'full' | 'top-of-stack',
): Pending<L> {
  if (p.halt !== undefined) return p;
  const { fullFrame, topOfStack, irqs } = p.s;
  const c: Call =
    needs === undefined
      ? { fn, takesRegs, fullFrame, topOfStack, irqs }
      : { fn, takesRegs, fullFrame, topOfStack, irqs, needs };
  return { s: p.s, notes: p.notes, calls: appended(p.calls, c), events: p.events };
}

/** A call made under a page-fault guard: a fault fails the access instead of sleeping. */
export function calledPagefaultsDisabled<L extends string>(p: Pending<L>, fn: string): Pending<L> {
  if (p.halt !== undefined) return p;
  const c: Call = {
    fn,
    takesRegs: true,
    fullFrame: p.s.fullFrame,
    topOfStack: p.s.topOfStack,
    irqs: p.s.irqs,
    pagefaultsDisabled: true,
  };
  return { s: p.s, notes: p.notes, calls: appended(p.calls, c), events: p.events };
}

export function irqsOn<L extends string>(p: Pending<L>): Pending<L> {
  const s = copyState(p.s);
  s.irqs = true;
  s.lastReadIrqsOff = false;
  return withState(p, s);
}

export function irqsOff<L extends string>(p: Pending<L>): Pending<L> {
  const s = copyState(p.s);
  s.irqs = false;
  return withState(p, s);
}

/** Applies a setter's effect as an environment event. */
export function fire<L extends string>(
  p: Pending<L>,
  cs: CompiledSetter,
  occasion: Occasion,
  ctx: ModelContext,
): Pending<L> {
  const q: Pending<L> = {
    s: applySetter(p.s, cs),
    notes: keepNotes ? { text: () => eventNote(cs, occasion, ctx), prev: p.notes } : p.notes,
    calls: p.calls,
    events: appended(p.events, { id: cs.id, occasion }),
  };
  return p.halt === undefined
    ? q
    : { s: q.s, notes: q.notes, calls: q.calls, events: q.events, halt: p.halt };
}

function eventNote(cs: CompiledSetter, occasion: Occasion, ctx: ModelContext): string {
  const what = [
    cs.sets ? `sets ${ctx.fmt(cs.sets)}` : '',
    cs.clears ? `clears ${ctx.fmt(cs.clears)}` : '',
    cs.workSets ? `sets syscall_work ${ctx.fmtWork(cs.workSets)}` : '',
    cs.workClears ? `clears syscall_work ${ctx.fmtWork(cs.workClears)}` : '',
    cs.skipsSyscall ? (occasion === 'compat-arg-fetch' ? 'ax = -EFAULT' : 'orig_ax = -1') : '',
  ].filter((x) => x !== '');
  return `event: ${cs.id}${what.length ? ` (${what.join(', ')})` : ''}`;
}

/**
 * Whether firing the setter now would change anything; a change to ti->syscall_work counts only
 * while the run can still read it (`ModelContext.syscallWorkRead`).
 */
export function hasEffect(s: ModelState, cs: CompiledSetter, syscallWorkRead = true): boolean {
  return (
    ((s.flags & ~cs.clears) | cs.sets) >>> 0 !== s.flags ||
    (syscallWorkRead && ((s.syscallWork & ~cs.workClears) | cs.workSets) >>> 0 !== s.syscallWork) ||
    (cs.changesRegs && !s.regsChanged) ||
    (cs.skipsSyscall && !s.nrSkip)
  );
}

/** The deterministic continuation first, then one branch per setter that can act on this occasion. */
export function alternatives<L extends string>(
  p: Pending<L>,
  occasion: Occasion,
  ctx: ModelContext,
): Pending<L>[] {
  if (p.halt !== undefined) return [p];
  const out = [p];
  for (const cs of ctx.byOccasion[occasion])
    if (hasEffect(p.s, cs, ctx.syscallWorkRead)) out.push(fire(p, cs, occasion, ctx));
  return out;
}

/** Continues at `label`, or ends the run where a handler halted it. */
export function goto<L extends string>(p: Pending<L>, label: L): Branch<L> {
  if (p.halt !== undefined) {
    const t: Stopped<L> = { kind: p.halt.kind, at: p.halt.at, what: p.halt.what, state: p.s };
    return { next: t, notes: p.notes, calls: p.calls, events: p.events };
  }
  const next = copyState(p.s);
  next.label = label;
  return { next, notes: p.notes, calls: p.calls, events: p.events };
}

/** `goto(irqsOn(p), label)` with one copy of the state: how a loop starts its next lap. */
export function gotoIrqsOn<L extends string>(p: Pending<L>, label: L): Branch<L> {
  if (p.halt !== undefined) return goto(p, label);
  const next = copyState(p.s);
  next.irqs = true;
  next.lastReadIrqsOff = false;
  next.label = label;
  return { next, notes: p.notes, calls: p.calls, events: p.events };
}

export function returnToUser<L extends string>(
  p: Pending<L>,
  via: Via,
  at: string,
  checked = false,
  r11FromFlags = false,
): Branch<L> {
  const r: Returned<L> = checked
    ? { kind: 'returned', via, at, checked, state: p.s }
    : r11FromFlags
      ? { kind: 'returned', via, at, r11FromFlags, state: p.s }
      : { kind: 'returned', via, at, state: p.s };
  return {
    next: r,
    notes: {
      text: `${at}: ${via} to user mode${checked ? ' (opportunistic)' : ''}`,
      prev: p.notes,
    },
    calls: p.calls,
    events: p.events,
  };
}

/** The run ends without a return to user mode: a BUG() in `at`, or the task exits. */
export function stop<L extends string>(
  p: Pending<L>,
  kind: 'bug' | 'exited',
  at: string,
  what: string,
): Branch<L> {
  const t: Stopped<L> = { kind, at, what, state: p.s };
  return { next: t, notes: { text: `${at}: ${what}`, prev: p.notes }, calls: p.calls, events: p.events };
}
