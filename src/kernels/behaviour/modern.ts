import { type Cite, readAt } from '../cite.js';
import type { TreeId } from '../trees.js';
import { BEHAVIOUR_6_14 } from './generic.js';
import type { Behaviour, Setter } from './types.js';

/**
 * Generic entry after 6.14, each release read in its own tree (kernel-facts-modern.md says what
 * to look for): 6.17 moves the exit masks to irq-entry-common.h and the syscall work to
 * syscall-common.c; 6.18 takes x86's TIF bits from the generic header; 6.19 reworks rseq (TIF_RSEQ,
 * the outer loop); 7.0 adds the rseq time-slice extension; 7.1 the deferred hrtimer rearm. The
 * loop's handlers and their order are 6.14's in all of them (read in each tree).
 */

const COMMON = 'kernel/entry/common.c';
const SYSCALL_64 = 'arch/x86/entry/syscall_64.c';
const SYSCALL_32 = 'arch/x86/entry/syscall_32.c';
const RSEQ_ENTRY = 'include/linux/rseq_entry.h';

/** The flow facts every release from 6.17 shares with 6.14, cited in `tree`. */
function sharedCites(tree: TreeId, syscallWorkFile: string, rseq: string): Record<string, Cite> {
  return {
    ...BEHAVIOUR_6_14.cites,
    exitLoop: readAt(
      tree,
      COMMON,
      'the loop: NEED_RESCHED|NEED_RESCHED_LAZY schedule, UPROBE uprobe_notify_resume, PATCH_PENDING klp_update_patch_state, SIGPENDING|NOTIFY_SIGNAL arch_do_signal_or_restart (get_signal clears NOTIFY_SIGNAL), NOTIFY_RESUME resume_user_mode_work (clears it first); IRQs off, flags re-read; every test `ti_work & _TIF_X`',
    ),
    compatReturn: readAt(
      tree,
      SYSCALL_32,
      'do_fast_syscall_32: IRET unless IP == landing pad, CS == __USER32_CS, SS == __USER_DS and no RF, TF or VM',
    ),
    compatArgFault: readAt(
      tree,
      SYSCALL_32,
      '__do_fast_syscall_32: when the EBP fetch faults, ax = -EFAULT, IRQs off, irqentry_exit_to_user_mode(regs); then IRET',
    ),
    syscallWork: readAt(
      tree,
      syscallWorkFile,
      'syscall_trace_enter: USER_DISPATCH, the ptrace report for TRACE|EMU, seccomp, the tracepoint, audit; syscall_exit_work: audit exit, the tracepoint, step = !EMU && SYSCALL_EXIT_TRAP, the report',
    ),
    singleStep: readAt(
      tree,
      'arch/x86/kernel/step.c',
      'enable_single_step sets TIF_SINGLESTEP and SYSCALL_EXIT_TRAP; user_disable_single_step clears both',
    ),
    opportunisticSysret: readAt(
      tree,
      SYSCALL_64,
      'do_syscall_64 returns whether to SYSRET: not XENPV, RCX == RIP and R11 == RFLAGS, __USER_CS and __USER_DS, RIP < TASK_SIZE_MAX, no RF or TF',
    ),
    afterExitLoop: readAt(
      tree,
      'arch/x86/include/asm/entry-common.h',
      'arch_exit_to_user_mode_prepare, once after the loop with IRQs off: arch_exit_work fires the user-return notifiers for _TIF_USER_RETURN_NOTIFY (firing does not clear it)',
    ),
    forceIret: readAt(tree, 'include/linux/ptrace.h', 'arch_ptrace_stop_needed is the generic (0)'),
    fred: readAt(
      tree,
      'arch/x86/entry/entry_fred.c',
      'fred_other calls do_syscall_64 (FRED_SYSCALL) or do_fast_syscall_32 (FRED_SYSENTER) and drops the answer; the return is ERETU',
    ),
    rseq: readAt(tree, 'include/linux/resume_user_mode.h', rseq),
  };
}

/** 6.17: 6.14's flow; the exit code moved to irq-entry-common.h, syscall work to syscall-common.c. */
export const BEHAVIOUR_6_17: Behaviour = {
  ...BEHAVIOUR_6_14,
  cites: sharedCites(
    'linux-6.17',
    'kernel/entry/syscall-common.c',
    'resume_user_mode_work ends with rseq_handle_notify_resume, which may move the saved RIP to the abort handler; not modelled as a pt_regs writer',
  ),
};

/** 6.18: the same flow over the generic TIF numbering. */
export const BEHAVIOUR_6_18: Behaviour = {
  ...BEHAVIOUR_6_14,
  cites: sharedCites(
    'linux-6.18',
    'kernel/entry/syscall-common.c',
    'resume_user_mode_work ends with rseq_handle_notify_resume, which may move the saved RIP to the abort handler; not modelled as a pt_regs writer',
  ),
};

/** A context switch of a task with rseq raises TIF_RSEQ for the exit's fast path (6.19+). */
const rseqSchedSwitch = (tree: TreeId): Setter => ({
  id: 'rseq_sched_switch',
  what: 'the task, which has an rseq area, is switched out and in again (or registers rseq, or execs): TIF_RSEQ',
  sets: ['RSEQ'],
  during: 'schedule',
  pendingAt: 'all',
  cite: readAt(
    tree,
    'include/linux/rseq.h',
    'rseq_sched_switch_event and rseq_force_update raise TIF_RSEQ (rseq_raise_notify_resume, set_tsk_thread_flag)',
  ),
});

/** The rseq fast path fails with page faults disabled (6.19+). */
const rseqFault = (tree: TreeId): Setter => ({
  id: 'rseq_fault',
  what: "the rseq fast path cannot access the task's rseq area with page faults off, or finds it bad",
  sets: ['NOTIFY_RESUME'],
  during: 'rseq-exit',
  cite: readAt(
    tree,
    RSEQ_ENTRY,
    'rseq_exit_to_user_mode_restart: when __rseq_exit_to_user_mode_restart fails, event.slowpath is set, set_tsk_thread_flag(TIF_NOTIFY_RESUME), and it returns true (another round); TIF_RSEQ stays',
  ),
});

/** The rseq environment of 6.19 on, each setter cited in `tree`. */
const rseqSetters = (tree: TreeId): Setter[] => [rseqSchedSwitch(tree), rseqFault(tree)];

const RETURN_WORK_6_19 = [...BEHAVIOUR_6_14.returnWork, 'RSEQ'];

function rseqCites(tree: TreeId): Record<string, Cite> {
  return {
    rseqExit: readAt(
      tree,
      COMMON,
      'exit_to_user_mode_loop: the inner loop on EXIT_TO_USER_MODE_WORK_LOOP, then rseq_exit_to_user_mode_restart(regs, ti_work); when it asks, the flags are read again and the inner loop runs again',
    ),
    rseqStep: readAt(
      tree,
      RSEQ_ENTRY,
      'rseq_exit_to_user_mode_restart: acts when ti_work & _TIF_RSEQ; the user accesses under guard(pagefault); success zeroes the events and clears TIF_RSEQ (clear_thread_flag), the ti_work returned keeps the bit',
    ),
  };
}

/** 6.19: TIF_RSEQ, the outer loop and the rseq exit step. */
export const BEHAVIOUR_6_19: Behaviour = {
  ...BEHAVIOUR_6_14,
  rseq: {
    loopMask: 'EXIT_TO_USER_MODE_WORK_LOOP',
    test: { kind: 'mask', operand: '_TIF_RSEQ' },
    pagefaultsDisabled: true,
    sliceTimer: false,
  },
  returnWork: RETURN_WORK_6_19,
  setters: [...BEHAVIOUR_6_14.setters, ...rseqSetters('linux-6.19')],
  cites: {
    ...sharedCites(
      'linux-6.19',
      'kernel/entry/syscall-common.c',
      'resume_user_mode_work ends with rseq_handle_slowpath, which runs the slow path the exit step marked; not modelled as a pt_regs writer',
    ),
    ...rseqCites('linux-6.19'),
  },
};

/** The grant's timer started at the previous exit: the next syscall ends the extension (7.0+). */
const sliceTimerArmed = (tree: TreeId): Setter => ({
  id: 'rseq_slice_armed',
  what: 'an interrupt return before this syscall granted a slice extension and armed its timer',
  sets: [],
  setsWork: ['SYSCALL_RSEQ_SLICE'],
  pendingAt: ['syscall', 'compat-syscall'],
  cite: readAt(
    tree,
    'kernel/rseq.c',
    '__rseq_arm_slice_extension_timer starts the timer and sets SYSCALL_RSEQ_SLICE in syscall_work',
  ),
});

/** The task's own request for an extension, read from its rseq area by the grant (7.0+). */
const sliceRequest = (tree: TreeId): Setter => ({
  id: 'rseq_slice_request',
  what: 'the task has asked, in its rseq area, for a time-slice extension',
  sets: [],
  during: 'slice-grant',
  cite: readAt(
    tree,
    RSEQ_ENTRY,
    "__rseq_grant_slice_extension grants only when the user's slice_ctrl asks for it",
  ),
});

/** A granted extension that has run out by the time the exit arms its timer (7.0+). */
const sliceExpired = (tree: TreeId): Setter => ({
  id: 'rseq_slice_expired',
  what: 'the granted extension has already run out when the exit arms its timer',
  sets: ['NEED_RESCHED'],
  during: 'slice-expiry',
  cite: readAt(
    tree,
    'kernel/rseq.c',
    '__rseq_arm_slice_extension_timer: past the expiry, set_need_resched_current() and another round',
  ),
});

/** The slice extension's environment of 7.0 on, cited in `tree`. */
const sliceSetters = (tree: TreeId): Setter[] => [
  sliceTimerArmed(tree),
  sliceRequest(tree),
  sliceExpired(tree),
];

function sliceCites(tree: TreeId, rearmsHrtimer = false): Record<string, Cite> {
  // 7.1's caller of the grant also performs a deferred hrtimer rearm, as schedule() would have.
  const rearm = rearmsHrtimer
    ? '; rseq_grant_slice_extension then calls hrtimer_rearm_deferred_tif(ti_work), clearing HRTIMER_REARM'
    : '';
  return {
    sliceGrant: readAt(
      tree,
      RSEQ_ENTRY,
      `__rseq_grant_slice_extension: nothing unless enabled and user_irq (an interrupt from user mode); work pending under TIF_SLICE_EXT_DENY or a grant in force revokes it; else, when the task asked, grants: clear_tsk_need_resched (both bits), no schedule()${rearm}`,
    ),
    sliceTimer: readAt(
      tree,
      'kernel/rseq.c',
      '__rseq_arm_slice_extension_timer: a grant already run out sets NEED_RESCHED and asks for another round; else the timer starts and SYSCALL_RSEQ_SLICE is set',
    ),
    sliceEntry: readAt(
      tree,
      'kernel/rseq.c',
      'rseq_syscall_enter_work: clears SYSCALL_RSEQ_SLICE; with a grant, cancels its timer and sets need-resched unless already switched out; the grant ends',
    ),
  };
}

/** 7.0: the rseq time-slice extension. */
export const BEHAVIOUR_7_0: Behaviour = {
  ...BEHAVIOUR_6_19,
  rseq: { ...(BEHAVIOUR_6_19.rseq as NonNullable<Behaviour['rseq']>), sliceTimer: true },
  sliceExtension: { deny: 'TIF_SLICE_EXT_DENY', rearmsHrtimer: false },
  setters: [...BEHAVIOUR_6_14.setters, ...rseqSetters('linux-7.0'), ...sliceSetters('linux-7.0')],
  cites: {
    ...sharedCites(
      'linux-7.0',
      'include/linux/entry-common.h',
      'resume_user_mode_work ends with rseq_handle_slowpath, which runs the slow path the exit step marked; not modelled as a pt_regs writer',
    ),
    ...rseqCites('linux-7.0'),
    ...sliceCites('linux-7.0'),
  },
};

/** The timer interrupt that interrupted user mode leaves its rearm to the exit (7.1). */
const HRTIMER_DEFER: Setter = {
  id: 'hrtimer_rearm_deferred',
  what: 'the timer interrupt that interrupted user mode defers reprogramming the clock to the exit',
  sets: ['HRTIMER_REARM'],
  pendingAt: ['interrupt-exit'],
  cite: readAt(
    'linux-7.1.3',
    'kernel/time/hrtimer.c',
    'hrtimer_interrupt_rearm: set_thread_flag(TIF_HRTIMER_REARM)',
  ),
};

/** 7.1 (read in 7.1.3): the deferred hrtimer rearm, the per-path exit masks. */
export const BEHAVIOUR_7_1: Behaviour = {
  ...BEHAVIOUR_7_0,
  sliceExtension: { deny: 'TIF_SLICE_EXT_DENY', rearmsHrtimer: true },
  exitMasks: { syscall: 'EXIT_TO_USER_MODE_WORK_SYSCALL', irq: 'EXIT_TO_USER_MODE_WORK_IRQ' },
  // Model what the code writes: `*tif_work &= ~TIF_HRTIMER_REARM`, the bit number where the
  // mask was meant (include/linux/hrtimer_rearm.h).
  hrtimerRearm: { rearmMask: 'TIF_REARM_MASK', localClear: { kind: 'mask', operand: 'TIF_HRTIMER_REARM' } },
  scheduleClears: ['NEED_RESCHED', 'NEED_RESCHED_LAZY', 'HRTIMER_REARM'],
  returnWork: [...RETURN_WORK_6_19, 'HRTIMER_REARM'],
  setters: [
    ...BEHAVIOUR_6_14.setters,
    ...rseqSetters('linux-7.1.3'),
    ...sliceSetters('linux-7.1.3'),
    HRTIMER_DEFER,
  ],
  cites: {
    ...sharedCites(
      'linux-7.1.3',
      'include/linux/entry-common.h',
      'resume_user_mode_work ends with rseq_handle_slowpath, which runs the slow path the exit step marked; not modelled as a pt_regs writer',
    ),
    ...rseqCites('linux-7.1.3'),
    ...sliceCites('linux-7.1.3', true),
    exitMasks: readAt(
      'linux-7.1.3',
      'include/linux/irq-entry-common.h',
      '__exit_to_user_mode_prepare(regs, work_mask): syscall_exit_to_user_mode_prepare passes EXIT_TO_USER_MODE_WORK_SYSCALL, irqentry_exit_to_user_mode_prepare EXIT_TO_USER_MODE_WORK_IRQ; on ti_work & work_mask, hrtimer_rearm_deferred_user_irq first, the loop only when it answers false',
    ),
    hrtimerRearm: readAt(
      'linux-7.1.3',
      'include/linux/hrtimer_rearm.h',
      'hrtimer_rearm_deferred_user_irq: when work_mask has _TIF_HRTIMER_REARM and (ti_work & TIF_REARM_MASK) == _TIF_HRTIMER_REARM: clear_thread_flag(TIF_HRTIMER_REARM), rearm, `*tif_work &= ~TIF_HRTIMER_REARM` (the bit number, 12), answer !*tif_work',
    ),
    scheduleRearm: readAt(
      'linux-7.1.3',
      'kernel/sched/core.c',
      'hrtick_schedule_enter clears a deferred rearm (hrtimer_test_and_clear_rearm_deferred) and hrtick_schedule_exit does it',
    ),
  },
};
