import { andThen } from '../andThen.js';
import type { ModelContext } from '../context.js';
import { alternatives, fire, hasEffect, note, type Pending, setFlags } from '../pending.js';
import { statusFlagTests, writeRegs } from './registers.js';

/**
 * The stop itself: from 3.16 (b9cd18de4db3) force_iret() first, which ptrace_stop() calls through
 * arch_ptrace_stop_needed() before the task sleeps (kernel/signal.c, 3.x-5.x, read for this
 * project), so before the tracer can write; then pt_regs open to the tracer.
 */
function stopped<L extends string>(p: Pending<L>, ctx: ModelContext, why: string): Pending<L>[] {
  const forced = ctx.input.behaviour.forceIretAfterPtraceStop
    ? statusFlagTests(
        note(setFlags(p, p.s.flags | ctx.bit('NOTIFY_RESUME')), 'force_iret(): NOTIFY_RESUME set'),
        ctx,
      )
    : [p];
  return forced.map((q) => writeRegs(note(q, `ptrace stop (${why})`), 'tracer'));
}

/**
 * A stop the task certainly makes (it is traced: a syscall entry or exit report): first the tracer
 * resuming it as it was, then each ptrace request that would change something.
 */
export function ptraceStop<L extends string>(p: Pending<L>, ctx: ModelContext, why: string): Pending<L>[] {
  return andThen(stopped(p, ctx, why), (q) => alternatives(q, 'ptrace-stop', ctx));
}

/**
 * A stop the task makes only if a tracer is attached and asked for it (a signal-delivery stop, a
 * PTRACE_EVENT stop): every branch is the tracer resuming it with some request, so each is marked
 * by that request's event. The caller's own branch is the untraced task; without the marks, a
 * schedule could not tell the stopped branches from it, and a run could not replay them.
 */
export function optionalPtraceStop<L extends string>(
  p: Pending<L>,
  ctx: ModelContext,
  why: string,
): Pending<L>[] {
  return andThen(stopped(p, ctx, why), (q) => {
    // When the stop itself changes nothing (pt_regs already open, IRET not forced), a request
    // matters only if it changes something.
    const stopMatters =
      q.s.regsChanged !== p.s.regsChanged || q.s.flags !== p.s.flags || q.s.regs !== p.s.regs;
    return ctx.byOccasion['ptrace-stop']
      .filter((cs) => stopMatters || hasEffect(p.s, cs))
      .map((cs) => fire(q, cs, 'ptrace-stop', ctx));
  });
}
