import { readIn, recalled } from '../cite.js';
import { ASYNC_SETTERS, KVM_USER_RETURN_REGISTER, URN_MOVES } from './asm3x.js';
import type { Behaviour, NotifyStep, Setter } from './types.js';

const COMMON_5_11 =
  'kernel/entry/common.c of 5.10 and the 5.11 TIF_NOTIFY_SIGNAL patch 12db8b690010 (handle_signal_work), read for this project';
const X86_ENTRY_COMMON = 'arch/x86/include/asm/entry-common.h arch_exit_to_user_mode_prepare (read for this project)';

/**
 * exit_to_user_mode_loop of 5.11, after its schedule(): UPROBE, PATCH_PENDING, then
 * handle_signal_work (NOTIFY_SIGNAL's task work, then signal delivery when SIGPENDING was read),
 * then NOTIFY_RESUME. Each handler clears its own flag; x86 adds no arch work to the loop.
 */
export const EXIT_LOOP_5_11: readonly NotifyStep[] = [
  { flag: 'UPROBE', callee: 'uprobe_notify_resume', clearing: 'callee', changesRegs: true },
  { flag: 'PATCH_PENDING', callee: 'klp_update_patch_state', clearing: 'callee' },
  { flag: 'NOTIFY_SIGNAL', callee: 'tracehook_notify_signal', clearing: 'callee' },
  {
    flag: 'SIGPENDING',
    callee: 'arch_do_signal_or_restart',
    clearing: 'recalc',
    opens: 'do_signal',
    changesRegs: true,
  },
  { flag: 'NOTIFY_RESUME', callee: 'tracehook_notify_resume', clearing: 'callee' },
];

/**
 * 6.14: the same order; NOTIFY_SIGNAL is cleared by get_signal() inside arch_do_signal_or_restart
 * (tracehook.h went in 5.18) and NOTIFY_RESUME by resume_user_mode_work.
 */
export const EXIT_LOOP_6_14: readonly NotifyStep[] = [
  { flag: 'UPROBE', callee: 'uprobe_notify_resume', clearing: 'callee', changesRegs: true },
  { flag: 'PATCH_PENDING', callee: 'klp_update_patch_state', clearing: 'callee' },
  { flag: 'NOTIFY_SIGNAL', callee: 'get_signal', clearing: 'callee' },
  {
    flag: 'SIGPENDING',
    callee: 'arch_do_signal_or_restart',
    clearing: 'recalc',
    opens: 'do_signal',
    changesRegs: true,
  },
  { flag: 'NOTIFY_RESUME', callee: 'resume_user_mode_work', clearing: 'callee' },
];

/** x86's arch_exit_to_user_mode_prepare: the user-return notifiers, once, IRQs off. */
const ARCH_PREPARE: readonly NotifyStep[] = [
  { flag: 'USER_RETURN_NOTIFY', callee: 'fire_user_return_notifiers', clearing: 'unregister' },
];

/** Set by other tasks, at any moment the task runs with IRQs on. */
const GENERIC_ASYNC: readonly Setter[] = [
  {
    id: 'set_notify_signal',
    what: 'another task queues TWA_SIGNAL task work (io_uring, say) and flags the task',
    sets: ['NOTIFY_SIGNAL'],
    during: 'irqs-on',
    pendingAt: 'all',
    cite: readIn('set_notify_signal(), added by 12db8b690010 for 5.11 (read for this project)'),
  },
  {
    id: 'klp_start_transition',
    what: 'a livepatch transition flags every task',
    sets: ['PATCH_PENDING'],
    during: 'irqs-on',
    pendingAt: 'all',
    cite: recalled('kernel/livepatch/transition.c klp_start_transition (kernel-facts.md §4, asynchronous setters)'),
  },
];

/** The lazy reschedule request of 6.13+: resched_curr_lazy() on a fair-class wakeup or tick. */
const RESCHED_LAZY: Setter = {
  id: 'resched_curr_lazy',
  what: 'the scheduler asks for a lazy reschedule of the task',
  sets: ['NEED_RESCHED_LAZY'],
  during: 'irqs-on',
  pendingAt: 'all',
  cite: readIn('resched_curr_lazy(), the PREEMPT_LAZY series of 6.13 (read for this project)'),
};

/** int3/#DB from user mode: the uprobe notifiers flag the task before its exception exit. */
const UPROBE_NOTIFIER: Setter = {
  id: 'uprobe_sstep_notifier',
  what: 'the int3/#DB uprobe notifier flags the task',
  sets: ['UPROBE'],
  pendingAt: ['exception-exit'],
  cite: readIn('uprobe_pre_sstep_notifier/uprobe_post_sstep_notifier, from exc_int3/exc_debug (kernel-facts.md §3-4)'),
};

/** uprobe_deny_signal as since 3.14: UPROBE only (82975bc6a6df). */
const UPROBE_DENY_SIGNAL: Setter = {
  id: 'uprobe_deny_signal',
  what: 'uprobe_deny_signal holds signals back during a uprobe single-step',
  sets: ['UPROBE'],
  clears: ['SIGPENDING'],
  during: 'do_signal',
  onPaths: ['interrupt-exit', 'exception-exit'],
  cite: recalled('kernel/events/uprobes.c uprobe_deny_signal after 82975bc6a6df: UPROBE only (kernel-facts.md §4)'),
};

const RETURN_WORK_5_11 = [
  'NEED_RESCHED',
  'SIGPENDING',
  'NOTIFY_RESUME',
  'UPROBE',
  'USER_RETURN_NOTIFY',
  'PATCH_PENDING',
  'NOTIFY_SIGNAL',
];

/**
 * Generic entry as of 5.11 on x86: the interrupt and exception returns through
 * irqentry_exit_to_user_mode, exit_to_user_mode_prepare and its loop, and IRET. The syscall
 * modes live in ti->syscall_work in this era, so the sticky TIF modes are only the step flags.
 */
export const BEHAVIOUR_5_11: Behaviour = {
  exitModel: 'generic',
  paths: ['interrupt-exit', 'exception-exit'],
  doNotifyResume: EXIT_LOOP_5_11,
  schedulesOn: ['NEED_RESCHED'],
  afterExitLoop: ARCH_PREPARE,
  sticky: ['SINGLESTEP', 'BLOCKSTEP', 'FORCED_TF'],
  returnWork: RETURN_WORK_5_11,
  neverSet: [],
  setters: [
    // Syscall tracepoints flag syscall_work from 5.11, not ti->flags.
    ...ASYNC_SETTERS.filter((s) => !s.sets.includes('SYSCALL_TRACEPOINT')),
    ...GENERIC_ASYNC,
    KVM_USER_RETURN_REGISTER,
    ...URN_MOVES,
    UPROBE_NOTIFIER,
    UPROBE_DENY_SIGNAL,
  ],
  // force_iret() and the hook that called it at every ptrace stop went in 5.6 (2b10906f2d25,
  // "x86: Remove force_iret()", read for this project): the SYSRET tests check pt_regs instead.
  forceIretAfterPtraceStop: false,
  opportunisticSysret: 'none',
  auditSyscall: true,
  cites: {
    exitLoop: readIn(COMMON_5_11),
    afterExitLoop: readIn(X86_ENTRY_COMMON),
    forceIret: readIn('2b10906f2d25 "x86: Remove force_iret()" (5.6), read for this project'),
    sticky: readIn('kernel-facts.md §4, "Sticky flags" (the syscall modes moved to syscall_work in 5.11)'),
    returnWork: readIn('kernel-facts.md §4, "One-shot flags"'),
  },
};

/** 6.14: the loop also reschedules for NEED_RESCHED_LAZY, which is one more piece of return work. */
export const BEHAVIOUR_6_14: Behaviour = {
  ...BEHAVIOUR_5_11,
  doNotifyResume: EXIT_LOOP_6_14,
  schedulesOn: ['NEED_RESCHED', 'NEED_RESCHED_LAZY'],
  returnWork: [...RETURN_WORK_5_11, 'NEED_RESCHED_LAZY'],
  setters: [...BEHAVIOUR_5_11.setters, RESCHED_LAZY],
  cites: {
    ...BEHAVIOUR_5_11.cites,
    exitLoop: readIn(
      'kernel/entry/common.c exit_to_user_mode_loop with (NEED_RESCHED | NEED_RESCHED_LAZY) for schedule(), from the 6.13 lazy-preemption series (read for this project); the handler names after the 5.18 tracehook removal (read)',
    ),
  },
};
