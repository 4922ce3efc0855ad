import type { Subject } from '../../src/check/subject.js';
import { rolesOf } from './flagRoles.js';

/**
 * The expected verdicts of a whole 64-bit syscall of the 4.4/4.5 era for any values of its four
 * masks, worked out from the flags' roles and the shape of the code (kernel-facts.md §3-§6; 4.4's
 * arch/x86/entry/common.c and entry_64.S), not by running the model. The counterpart of
 * expectedExitVerdicts.ts for the mask mutants of v4.5.
 *
 * The code, as the rules see it:
 * - entry: flags in `_TIF_WORK_SYSCALL_ENTRY` (N) send the syscall to `tracesys`: phase 1 (seccomp,
 *   and unless it answers 0, phase 2: the ptrace entry stop, the tracepoint, audit entry).
 * - the fast path's exit tests `_TIF_ALLWORK_MASK` (A) with IRQs off; anything set sends it to
 *   `syscall_return_slowpath`, which calls `syscall_slow_exit_work` for flags in
 *   `SYSCALL_EXIT_WORK_FLAGS` (X), then `prepare_exit_to_usermode` loops while flags in
 *   `EXIT_TO_USERMODE_LOOP_FLAGS` (L) are set (reschedule, signals, notify-resume work, uprobes,
 *   user-return notifiers).
 * - what a whole syscall can have set: the modes pending at entry, what interrupts, the syscall
 *   body and the task switch set, and what the exit work itself sets (a single-step's SIGTRAP; from
 *   3.16, force_iret()'s NOTIFY_RESUME after a ptrace stop).
 */
export function expectedSyscallViolations(subject: Subject): string[] {
  const { mask, bit, settable, oneShot, sticky, setBy, traced, released } = rolesOf(subject, 'syscall');
  const b = subject.input.behaviour;
  const N = mask('_TIF_WORK_SYSCALL_ENTRY');
  const A = mask('_TIF_ALLWORK_MASK');
  const X = mask('SYSCALL_EXIT_WORK_FLAGS');
  const L = mask('EXIT_TO_USERMODE_LOOP_FLAGS');
  // The modes a task can carry into a syscall: the released entry mask's flags (all sticky), which
  // an edit of the mask does not take off the task.
  const modes = (released('_TIF_WORK_SYSCALL_ENTRY') & sticky & settable) >>> 0;
  const duringRun = setBy('irqs-on', 'syscall-body', 'schedule', 'ptrace-stop');
  const byExitWork =
    (modes & bit('SINGLESTEP') ? bit('SIGPENDING') : 0) |
    (b.forceIretAfterPtraceStop ? bit('NOTIFY_RESUME') : 0);
  const interrupts = setBy('irqs-on');
  const canBeSet = (modes | duringRun | byExitWork) >>> 0;
  const tracer = bit('SYSCALL_TRACE') | bit('SYSCALL_EMU');

  const out = new Set<string>();
  // Phase 1 goes on to the ptrace entry stop after a seccomp ERRNO or TRAP, where the single-phase
  // function returned at once (seed 000's split, kernel-facts.md §5).
  if ((N & bit('SECCOMP')) !== 0 && (N & tracer) !== 0) out.add('two-phase-equivalent@syscall');
  for (let i = 0; i < 32; i++) {
    const F = (1 << i) >>> 0;
    if ((canBeSet & F) === 0) continue;
    const one = (oneShot & F) !== 0;
    const mode = (sticky & F) !== 0;
    // Return work set while the syscall runs, that the fast path's test or the exit loop misses.
    if (one && (duringRun & F) !== 0 && (A & F) === 0) out.add('exit-work-delivered@syscall');
    if (one && (L & F) === 0) out.add('exit-work-delivered@syscall');
    // A traced flag that syscall_slow_exit_work does not look for, or that an interrupt sets after
    // the fast path was taken and A does not send back to the slow path.
    if ((traced & F) !== 0 && ((X & F) === 0 || ((interrupts & F) !== 0 && (A & F) === 0)))
      out.add('exit-trace-once@syscall');
    if (F === bit('SYSCALL_AUDIT') && (X & F) === 0) out.add('audit-balanced@syscall');
    // A mode in the loop condition: nothing in the loop clears it.
    if (mode && (L & F) !== 0) out.add('exit-terminates@syscall');
  }
  const entry = b.syscallEntry;
  const NOTIFY_RESUME = bit('NOTIFY_RESUME');
  // 3.18 to 4.4: phase 1 does the audit entry of an audit-only syscall and sends it back to the
  // fast path, whose exit must then see SYSCALL_AUDIT in A to close the record.
  if (entry?.tracesys === 'phase1-rejoin' && (A & bit('SYSCALL_AUDIT')) === 0) {
    out.add('exit-trace-once@syscall');
    out.add('audit-balanced@syscall');
  }
  // Until 4.5 a fork runs on the fast path (stub_clone); its PTRACE_EVENT_FORK stop may rewrite
  // pt_regs, and what keeps the exit off SYSRET is force_iret()'s NOTIFY_RESUME being in A.
  // The tracer may leave a non-canonical RIP there, which the fast path's SYSRET (RCX loaded from
  // RIP) takes to ring 0's #GP.
  if (entry?.ptregs === 'stubs' && b.forceIretAfterPtraceStop && (A & NOTIFY_RESUME) === 0) {
    out.add('exit-full-frame@syscall');
    out.add('sysret-safe@syscall');
  }
  return [...out].sort();
}
