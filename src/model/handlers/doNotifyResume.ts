import type { NotifyStep } from '../../kernels/behaviour/types.js';
import type { ModelContext } from '../context.js';
import { alternatives, called, fire, note, type Pending, setFlags } from '../pending.js';
import { R11_OTHER, RCX_OTHER, TF } from '../registers.js';
import { sameState } from '../state.js';
import { optionalPtraceStop } from './ptraceStop.js';
import { setFlagsAndWriteRegs, taskSegs, writeRegs } from './registers.js';

/**
 * do_notify_resume(regs, NULL, snapshot): handles, in the kernel's order, the flags of its
 * *argument* (the snapshot the asm took), not the live flags; a flag set meanwhile waits for the
 * next pass of the loop. Which flags it handles and who clears them is the kernel's data.
 */
export function doNotifyResume<L extends string>(
  p: Pending<L>,
  ctx: ModelContext,
  snapshot: number,
): Pending<L>[] {
  const ps = notifyWork(
    note(called(p, 'do_notify_resume', true), () => `do_notify_resume(regs, NULL, ${ctx.fmt(snapshot)})`),
    ctx,
    snapshot,
  );
  const unhandled =
    ctx.input.behaviour.doNotifyResume.reduce((v, st) => v & ~ctx.bit(st.flag), snapshot) >>> 0;
  return unhandled === 0
    ? ps
    : ps.map((q) => note(q, () => `do_notify_resume ignores ${ctx.fmt(unhandled)}`));
}

/**
 * The work of the snapshot's flags, each by the kernel's callee for it, in the kernel's order: the
 * body of do_notify_resume, and of the C exit loops after their schedule(); by default the
 * kernel's `doNotifyResume` steps (generic entry also runs its `afterExitLoop` ones this way).
 * Written with loops and no closures: this runs at every lap of every exit loop, and the objects
 * a lap made were most of a search's garbage.
 */
export function notifyWork<L extends string>(
  p: Pending<L>,
  ctx: ModelContext,
  snapshot: number,
  steps: readonly NotifyStep[] = ctx.input.behaviour.doNotifyResume,
): Pending<L>[] {
  const bits = ctx.stepBits(steps);
  const flags = ctx.stepFlags(steps);
  let ps = [p];
  for (let i = 0; i < steps.length; i++) {
    if ((snapshot & (bits[i] as number)) === 0) continue;
    const step = steps[i] as NotifyStep;
    const b = flags[i] as number;
    if (ps.length === 1) ps = dedupe(handle(ps[0] as Pending<L>, step, b, ctx));
    else {
      const out: Pending<L>[] = [];
      for (const q of ps) for (const r of handle(q, step, b, ctx)) out.push(r);
      ps = dedupe(out);
    }
  }
  return ps;
}

/** A step's notes, made once per step (they are constant, and made at every lap otherwise). */
interface StepNotes {
  readonly cleared: string;
  readonly delivered: string;
  readonly denied: string;
}

const stepNotes = new WeakMap<NotifyStep, StepNotes>();

function notesFor(step: NotifyStep): StepNotes {
  let n = stepNotes.get(step);
  if (n === undefined) {
    const how = step.clearing === 'callee' ? 'clears it' : 'its notifier unregisters, clearing it';
    n = {
      cleared:
        step.clearing === 'caller' ? `${step.flag}: cleared, ${step.callee}()` : `${step.callee}() ${how}`,
      delivered: `${step.callee}(): signal delivered, handle_signal builds the frame, ${step.flag} recalculated away`,
      denied: `${step.callee}(): a uprobe single-step is in flight`,
    };
    stepNotes.set(step, n);
  }
  return n;
}

/** One step's callee; `b` is the bit of its flag. */
function handle<L extends string>(
  p: Pending<L>,
  step: NotifyStep,
  b: number,
  ctx: ModelContext,
): Pending<L>[] {
  if (step.clearing === 'recalc') return signalDelivery(p, step, b, ctx);
  let q = note(setFlags(p, p.s.flags & ~b), notesFor(step).cleared);
  // uprobes points RIP at the out-of-line copy and sets TF to step it (kernel-facts.md §4,
  // uprobe_notify_resume, recalled, not read).
  if (step.changesRegs === true) q = writeRegs(q, 'uprobe', RCX_OTHER | R11_OTHER | TF | taskSegs(ctx));
  return step.clearing !== 'caller' && step.opens === 'mce_notify_process'
    ? alternatives(q, 'mce_notify_process', ctx)
    : [q];
}

/**
 * do_signal: uprobe_deny_signal may hold signals back during a uprobe single-step; otherwise
 * get_signal dequeues the signal and, for a traced task, stops for the tracer (ptrace_signal)
 * before handle_signal builds the frame; then SIGPENDING is recalculated away (kernel/signal.c
 * get_signal_to_deliver/get_signal and arch/x86/kernel/signal.c, read in each release's tree).
 */
function signalDelivery<L extends string>(
  p: Pending<L>,
  step: NotifyStep,
  b: number,
  ctx: ModelContext,
): Pending<L>[] {
  const text = notesFor(step).delivered;
  // The handler's frame (or a restart, RIP - 2) moves RIP; RCX keeps the old return address, and
  // nothing forces IRET (the native 64-bit __setup_rt_frame sets di, ax, si, dx, ip, sp and cs).
  const deliver = (q: Pending<L>): Pending<L> =>
    note(setFlagsAndWriteRegs(q, q.s.flags & ~b, 'signal', RCX_OTHER | taskSegs(ctx)), text);
  const delivered = deliver(p);
  const out = [delivered];
  for (const q of optionalPtraceStop(
    p,
    ctx,
    'signal delivery, in get_signal before the frame',
    deliver,
    delivered,
  ))
    out.push(q);
  for (const cs of ctx.byOccasion.do_signal)
    out.push(fire(note(p, notesFor(step).denied), cs, 'do_signal', ctx));
  return dedupe(out);
}

/** Drops branches equal to an earlier one (same state, same events); the lists are a handful long. */
function dedupe<L extends string>(ps: Pending<L>[]): Pending<L>[] {
  if (ps.length < 2) return ps;
  const out: Pending<L>[] = [];
  for (const q of ps) {
    let seen = false;
    for (const r of out)
      if (sameState(r.s, q.s) && sameEvents(r, q)) {
        seen = true;
        break;
      }
    if (!seen) out.push(q);
  }
  return out;
}

function sameEvents<L extends string>(a: Pending<L>, b: Pending<L>): boolean {
  if (a.events.length !== b.events.length) return false;
  for (let i = 0; i < a.events.length; i++) if (a.events[i]?.id !== b.events[i]?.id) return false;
  return true;
}
