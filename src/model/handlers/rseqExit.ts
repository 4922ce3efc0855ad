import type { ModelContext } from '../context.js';
import { operandBits } from '../operands.js';
import { called, calledPagefaultsDisabled, fire, note, type Pending, setFlags, update } from '../pending.js';
import { schedule } from './schedule.js';

/**
 * The exit work of 6.19 to 7.1 that is not a flag's handler in the loop (kernel/entry/common.c,
 * include/linux/rseq_entry.h, include/linux/hrtimer_rearm.h; facts in kernels/behaviour/modern.ts):
 * the deferred hrtimer rearm before the loop, the rseq exit step after each inner loop, and the
 * slice-extension grant in place of schedule().
 */

/**
 * hrtimer_rearm_deferred_user_irq(&ti_work, mask): only where the path's mask has
 * HRTIMER_REARM. When the flags read hold HRTIMER_REARM and neither reschedule bit, the timer is
 * rearmed here, the flag cleared, and the copy of the flags takes out what the code writes; the
 * loop is skipped when the copy is left empty.
 */
export function rearmBeforeLoop<L extends string>(
  p: Pending<L>,
  ctx: ModelContext,
  maskName: string,
): { p: Pending<L>; skipLoop: boolean } {
  const h = ctx.input.behaviour.hrtimerRearm;
  if (h === undefined) return { p, skipLoop: false };
  const rearm = ctx.bit('HRTIMER_REARM');
  const q = called(p, 'hrtimer_rearm_deferred_user_irq', false);
  if ((ctx.mask(maskName) & rearm) === 0)
    return { p: note(q, () => `${maskName} has no HRTIMER_REARM: nothing to rearm here`), skipLoop: false };
  const work = q.s.work;
  const seen = (work & ctx.mask(h.rearmMask)) >>> 0;
  if (seen !== rearm)
    return {
      p: note(q, () => `ti_work & ${h.rearmMask} = ${ctx.fmt(seen)}: not HRTIMER_REARM alone, no rearm here`),
      skipLoop: false,
    };
  const taken = operandBits(h.localClear, ctx.input.table);
  const left = (work & ~taken) >>> 0;
  const r = update(
    note(setFlags(q, q.s.flags & ~rearm), 'clear_thread_flag(TIF_HRTIMER_REARM); __hrtimer_rearm_deferred()'),
    { work: left },
  );
  const said = note(
    r,
    () =>
      `ti_work &= ~${h.localClear.operand} (~${ctx.fmt(taken)}): ti_work = ${ctx.fmt(left)}${left === 0 ? ', the loop is skipped' : ''}`,
  );
  return { p: said, skipLoop: left === 0 };
}

/**
 * rseq_exit_to_user_mode_restart(regs, ti_work), IRQs off, under a page-fault guard: with the
 * rseq bit in ti_work the fast path runs; it succeeds and clears TIF_RSEQ (ti_work keeps it), or
 * (an event) it faults, marks the slow path, sets NOTIFY_RESUME and asks for another round. From
 * 7.0 it then arms the timer of a granted slice extension, or, when the grant has run out already,
 * sets NEED_RESCHED and asks for another round.
 */
export function rseqExitStep<L extends string>(
  p: Pending<L>,
  ctx: ModelContext,
): { p: Pending<L>; restart: boolean }[] {
  const r = ctx.input.behaviour.rseq;
  if (r === undefined) return [{ p, restart: false }];
  const fn = 'rseq_exit_to_user_mode_restart';
  const q = note(
    r.pagefaultsDisabled ? calledPagefaultsDisabled(p, fn) : called(p, fn, true),
    r.pagefaultsDisabled
      ? 'rseq_exit_to_user_mode_restart(regs, ti_work), page faults disabled'
      : 'rseq_exit_to_user_mode_restart(regs, ti_work)',
  );
  const out: { p: Pending<L>; restart: boolean }[] = [];
  let done = q;
  if ((q.s.work & operandBits(r.test, ctx.input.table)) !== 0) {
    done = note(setFlags(q, q.s.flags & ~ctx.bit('RSEQ')), 'rseq fast path done: TIF_RSEQ cleared');
    for (const cs of ctx.byOccasion['rseq-exit'])
      out.push({
        p: note(fire(q, cs, 'rseq-exit', ctx), 'rseq fast path failed: slow path marked, TIF_RSEQ kept'),
        restart: true,
      });
  } else done = note(q, () => `ti_work & ${r.test.operand} = 0: no rseq work`);
  if (!r.sliceTimer || !done.s.sliceGranted) return [{ p: done, restart: false }, ...out];
  const armed = note(
    update(done, { syscallWork: (done.s.syscallWork | ctx.workBit('SYSCALL_RSEQ_SLICE')) >>> 0 }),
    'rseq_arm_slice_extension_timer: the grant runs on, its timer started, SYSCALL_RSEQ_SLICE set',
  );
  const expired = ctx.byOccasion['slice-expiry'].map((cs) => ({
    p: note(fire(done, cs, 'slice-expiry', ctx), 'rseq_arm_slice_extension_timer: the grant has run out'),
    restart: true,
  }));
  return [{ p: armed, restart: false }, ...expired, ...out];
}

/**
 * The reschedule of a 7.0+ loop lap: rseq_grant_slice_extension(ti_work, deny) first. No grant
 * on a return that did not come from an interrupt in user mode (user_irq), and none, with the
 * grant revoked, when a bit of `deny` is pending or a grant is already in force; otherwise the
 * task may have asked for one (granted: both reschedule bits cleared, no schedule()) or not.
 */
export function scheduleOrGrant<L extends string>(
  p: Pending<L>,
  ctx: ModelContext,
  work: number,
): Pending<L>[] {
  const se = ctx.input.behaviour.sliceExtension;
  if (se === undefined) return schedule(p, ctx);
  const q = called(p, 'rseq_grant_slice_extension', false);
  if (ctx.path !== 'interrupt-exit' && ctx.path !== 'exception-exit')
    return schedule(note(q, 'no slice extension: not a return from an interrupt in user mode'), ctx);
  const deny = (work & ctx.mask(se.deny)) >>> 0;
  if (deny !== 0 || q.s.sliceGranted) {
    const why = deny !== 0 ? () => `ti_work & ${se.deny} = ${ctx.fmt(deny)}` : () => 'a grant is in force';
    return schedule(
      note(update(q, { sliceGranted: false }), () => `no slice extension (${why()}): revoked`),
      ctx,
    );
  }
  const resched = (ctx.bit('NEED_RESCHED') | ctx.bit('NEED_RESCHED_LAZY')) >>> 0;
  const rearm = ctx.bit('HRTIMER_REARM');
  const grant = (asked: Pending<L>): Pending<L> => {
    const g = note(
      update(setFlags(asked, asked.s.flags & ~resched), { sliceGranted: true }),
      () => `granted: ${ctx.fmt(resched)} cleared, no schedule()`,
    );
    return se.rearmsHrtimer && (work & rearm) !== 0
      ? note(
          setFlags(g, g.s.flags & ~rearm),
          'hrtimer_rearm_deferred_tif: HRTIMER_REARM cleared, timer rearmed',
        )
      : g;
  };
  const asked = ctx.byOccasion['slice-grant'].map((cs) => grant(fire(q, cs, 'slice-grant', ctx)));
  return [...schedule(note(q, 'the task asked for no extension'), ctx), ...asked];
}
