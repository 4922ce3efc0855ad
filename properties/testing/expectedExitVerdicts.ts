import type { Subject } from '../../src/check/subject.js';
import { rolesOf } from './flagRoles.js';

/**
 * The expected verdicts of the 3.x asm return paths for any values of their four masks, worked out
 * from the roles of the flags and the shape of each loop (kernel-facts.md §3; entry_64.S 3.13-3.18),
 * not by running the model: a third opinion beside the two engines on every mask mutant. Each rule
 * says which flag, in which masks, breaks which property, and why, in the asm's terms. The rules
 * know nothing of program points, registers or event timing; where the model and a rule disagree,
 * one of them is wrong about the kernel.
 *
 * The loops, as the rules see them:
 * - syscall-exit: `sysret_check` tests `_TIF_ALLWORK_MASK` (A) with IRQs off and returns by SYSRET
 *   when nothing is set. Otherwise NEED_RESCHED is scheduled away, SYSCALL_AUDIT is closed by
 *   `sysret_audit` (and then masked off), and the rest goes to `int_check_syscall_exit_work`: flags
 *   in `_TIF_WORK_SYSCALL_EXIT` (E) call `syscall_trace_leave`, which masks E out of `%edi`;
 *   otherwise flags in `_TIF_DO_NOTIFY_MASK` (D) call `do_notify_resume`, after which `%edi` is
 *   reloaded with `_TIF_WORK_MASK` (W). The loop ends when flags & `%edi` is empty.
 * - interrupt-exit and exception-exit (`retint_check`): flags in W are looked at; NEED_RESCHED is
 *   scheduled, flags in D go to `do_notify_resume`, anything else returns at once.
 * - paranoid-exit (`paranoid_userspace`): flags in W are looked at; NEED_RESCHED is scheduled, the
 *   rest is passed to `do_notify_resume` as they are, and the loop tests W again.
 */
export function expectedExitViolations(subject: Subject): string[] {
  const { mask, bit, settable, oneShot, sticky: modes, notify, setBy, traced } = rolesOf(subject);
  const b = subject.input.behaviour;
  const A = mask('_TIF_ALLWORK_MASK');
  const W = mask('_TIF_WORK_MASK');
  const E = mask('_TIF_WORK_SYSCALL_EXIT');
  const D = mask('_TIF_DO_NOTIFY_MASK');
  // Set while the loop runs with IRQs on (an interrupt, or the task switch of `schedule`).
  const async = setBy('irqs-on', 'schedule');
  const AUDIT = bit('SYSCALL_AUDIT');
  const RESCHED = bit('NEED_RESCHED');
  const SIGPENDING = bit('SIGPENDING');
  const NOTIFY_RESUME = bit('NOTIFY_RESUME');
  // What syscall_trace_leave can set that the next pass hands to do_notify_resume: the SIGTRAP of
  // a single-step (SIGPENDING), and after 3.16 the NOTIFY_RESUME of force_iret() at its ptrace stop.
  const rearms =
    (settable & bit('SINGLESTEP') ? SIGPENDING : 0) | (b.forceIretAfterPtraceStop ? NOTIFY_RESUME : 0);

  const out = new Set<string>();
  for (let i = 0; i < 32; i++) {
    const F = (1 << i) >>> 0;
    if ((settable & F) === 0) continue;
    const one = (oneShot & F) !== 0;
    const sticky = (modes & F) !== 0;

    // syscall-exit
    // A flag of return work that A lacks goes back by SYSRET untouched (F alone).
    if (one && (A & F) === 0) out.add('exit-work-delivered@syscall-exit');
    // An interrupt during the slow path sets F; the last test is then against W.
    if (one && (async & F) !== 0 && (W & F) === 0) out.add('exit-work-delivered@syscall-exit');
    // F sends the exit down the slow path but no pass handles it (not E's, not D's, not a
    // reschedule), and the W that %edi is reloaded with lacks it: it goes back pending.
    if (one && F !== RESCHED && (A & F) !== 0 && (E & F) === 0 && (D & F) === 0 && (W & F) === 0)
      out.add('exit-work-delivered@syscall-exit');
    // E masks F out of %edi after syscall_trace_leave: F returns pending (NEED_RESCHED: set by an
    // interrupt while syscall_trace_leave runs).
    if (one && (E & F) !== 0) out.add('exit-work-delivered@syscall-exit');
    // Once %edi is W, a flag W tests that no pass clears, and E does not mask off, comes back for
    // ever: a sticky mode, or a notify flag do_notify_resume is not called for.
    if ((W & F) !== 0 && (E & F) === 0 && (sticky || ((notify & F) !== 0 && (D & F) === 0)))
      out.add('exit-terminates@syscall-exit');
    // A flag in both W and E: each reload of W sends it to syscall_trace_leave again, which is a
    // second exit report; and when syscall_trace_leave rearms a notify flag, the pass that handles
    // it reloads W, for ever. A one-shot flag there is not handed to do_notify_resume either
    // (masked out of %edi before that pass), unless it is NEED_RESCHED, which int_careful takes first.
    if ((W & E & F) !== 0 && F !== RESCHED && (sticky || one)) {
      out.add('exit-trace-once@syscall-exit');
      if (sticky || (rearms & ~F) !== 0) out.add('exit-terminates@syscall-exit');
    }
    // A traced flag that never reaches syscall_trace_leave: A lacks it (SYSRET), or E does (the slow
    // path skips the call). SYSCALL_AUDIT is closed by sysret_audit whatever E says, as long as A has it.
    if ((traced & F) !== 0 && (A & F) === 0) out.add('exit-trace-once@syscall-exit');
    if ((traced & F) !== 0 && F !== AUDIT && (A & F) !== 0 && (E & F) === 0)
      out.add('exit-trace-once@syscall-exit');
    if (F === AUDIT && (A & F) === 0) out.add('audit-balanced@syscall-exit');

    // interrupt-exit, exception-exit: return work W does not see, or a notify flag D does not pass
    // on; and a sticky flag in both W and D is handed to do_notify_resume, which leaves it, and
    // retint_signal goes back to retint_with_reschedule to test W again, for ever.
    for (const path of ['interrupt-exit', 'exception-exit']) {
      if (one && (W & F) === 0) out.add(`exit-work-delivered@${path}`);
      if ((notify & F) !== 0 && (W & F) !== 0 && (D & F) === 0) out.add(`exit-work-delivered@${path}`);
      if (sticky && (W & D & F) !== 0) out.add(`exit-terminates@${path}`);
    }

    // paranoid-exit: return work W does not see; a sticky flag W sees is handed over for ever.
    if (one && (W & F) === 0) out.add('exit-work-delivered@paranoid-exit');
    if (sticky && (W & F) !== 0) out.add('exit-terminates@paranoid-exit');
  }
  return [...out].sort();
}
