import { andThen } from '../andThen.js';
import type { ModelContext } from '../context.js';
import { alternatives, fire, hasEffect, note, noteWith, type Pending, setFlags } from '../pending.js';
import { statusFlagTests, writeRegs } from './registers.js';

/**
 * The stop itself: from 3.16 (b9cd18de4db3) x86's arch_ptrace_stop_needed() first, which
 * ptrace_stop() calls before the task sleeps, so before the tracer can write: it sets
 * TIF_NOTIFY_RESUME (directly in 3.16 to 4.0, through force_iret() from 4.3; read in each
 * release's arch/x86/include/asm/ptrace.h and kernel/signal.c); then pt_regs open to the tracer.
 */
function stopped<L extends string>(p: Pending<L>, ctx: ModelContext, why: string): Pending<L>[] {
  const forced = ctx.input.behaviour.forceIretAfterPtraceStop
    ? statusFlagTests(
        note(
          setFlags(p, p.s.flags | ctx.bit('NOTIFY_RESUME')),
          'arch_ptrace_stop_needed(): TIF_NOTIFY_RESUME set, for the IRET path',
        ),
        ctx,
      )
    : [p];
  const out: Pending<L>[] = [];
  for (const q of forced) out.push(writeRegs(noteWith(q, stopNote, why, undefined, undefined), 'tracer'));
  return out;
}

const stopNote = (why: string): string => `ptrace stop (${why})`;

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
 * `then` is what the task does after the stop, whether it stopped or not (signal delivery builds
 * the frame after its stop): whether the stop matters is judged after it. `untraced` is `then(p)`,
 * for a caller that has it already.
 */
export function optionalPtraceStop<L extends string>(
  p: Pending<L>,
  ctx: ModelContext,
  why: string,
  then: (q: Pending<L>) => Pending<L> = (q) => q,
  untraced: Pending<L> = then(p),
): Pending<L>[] {
  const out: Pending<L>[] = [];
  for (const stop of stopped(p, ctx, why)) {
    // When the stop itself changes nothing (pt_regs already open, or written again afterwards,
    // and IRET not forced), a request matters only if it changes something.
    const q = then(stop);
    const stopMatters =
      q.s.regsChanged !== untraced.s.regsChanged ||
      q.s.flags !== untraced.s.flags ||
      q.s.regs !== untraced.s.regs;
    for (const cs of ctx.byOccasion['ptrace-stop'])
      if (stopMatters || hasEffect(p.s, cs, ctx.syscallWorkRead))
        out.push(then(fire(stop, cs, 'ptrace-stop', ctx)));
  }
  return out;
}
