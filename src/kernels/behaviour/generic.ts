import { readIn, recalled } from '../cite.js';
import { ASYNC_SETTERS, KVM_USER_RETURN_REGISTER, TRACER_RESUMES, URN_MOVES } from './asm3x.js';
import { UPROBE_DENY_SIGNAL_4X, UPROBE_NOTIFIER_4X } from './c4x.js';
import { TRACER_SKIPS_SYSCALL } from './entry.js';
import type { Behaviour, NotifyStep, Setter } from './types.js';

const COMMON_5_11 =
  'kernel/entry/common.c of 5.10 and the 5.11 TIF_NOTIFY_SIGNAL patch 12db8b690010 (handle_signal_work), read for this project';
const X86_ENTRY_COMMON =
  'arch/x86/include/asm/entry-common.h arch_exit_to_user_mode_prepare (read for this project)';

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
const CALLEES_6_14: Readonly<Record<string, string>> = {
  NOTIFY_SIGNAL: 'get_signal',
  NOTIFY_RESUME: 'resume_user_mode_work',
};
export const EXIT_LOOP_6_14: readonly NotifyStep[] = EXIT_LOOP_5_11.map((s) => ({
  ...s,
  callee: CALLEES_6_14[s.flag] ?? s.callee,
}));

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
    cite: recalled(
      'kernel/livepatch/transition.c klp_start_transition (kernel-facts.md §4, asynchronous setters)',
    ),
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

/** The syscall modes that moved from ti->flags to ti->syscall_work in 5.11. */
const MOVED = new Set(['SYSCALL_TRACE', 'SYSCALL_EMU']);

/**
 * The tracer's resume requests of generic entry: ptrace_resume sets or clears SYSCALL_TRACE and
 * SYSCALL_EMU in syscall_work; the step requests set TIF_SINGLESTEP and, with it, `stepWork` in
 * syscall_work (user_enable_single_step), the others clear both.
 */
export function tracerResumes(stepWork: readonly string[]): Setter[] {
  return TRACER_RESUMES.map((s) => {
    const clears = s.clears ?? [];
    return {
      ...s,
      sets: s.sets.filter((n) => !MOVED.has(n)),
      clears: clears.filter((n) => !MOVED.has(n)),
      setsWork: [...s.sets.filter((n) => MOVED.has(n)), ...(s.sets.includes('SINGLESTEP') ? stepWork : [])],
      clearsWork: [...clears.filter((n) => MOVED.has(n)), ...(clears.includes('SINGLESTEP') ? stepWork : [])],
      cite: readIn(
        'kernel/ptrace.c ptrace_resume (set_task_syscall_work/clear_task_syscall_work for SYSCALL_TRACE and SYSCALL_EMU) and arch/x86/kernel/step.c, 5.11 with the SYSCALL_EXIT_TRAP fix (read for this project)',
      ),
    };
  });
}

/** Syscall tracepoints flag syscall_work from 5.11. */
const TRACEPOINT_ENABLE_WORK: Setter = {
  id: 'tracepoint_enable',
  what: 'syscall tracepoints get registered and flag every thread',
  sets: [],
  setsWork: ['SYSCALL_TRACEPOINT'],
  during: 'irqs-on',
  pendingAt: 'all',
  cite: recalled(
    'kernel/tracepoint.c syscall_regfunc: set_task_syscall_work(p, SYSCALL_TRACEPOINT) from 5.11',
  ),
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

const STEP_WORK_5_11 = ['SYSCALL_EXIT_TRAP'];

/**
 * Generic entry as of 5.11 on x86: whole syscalls through do_syscall_64, and the interrupt and
 * exception returns through irqentry_exit_to_user_mode; all of them leave through
 * exit_to_user_mode_prepare and its loop. The syscall modes live in ti->syscall_work in this era;
 * the sticky TIF modes are only the step flags.
 */
export const BEHAVIOUR_5_11: Behaviour = {
  exitModel: 'generic',
  paths: ['syscall', 'compat-syscall', 'interrupt-exit', 'exception-exit'],
  doNotifyResume: EXIT_LOOP_5_11,
  schedulesOn: ['NEED_RESCHED'],
  afterExitLoop: ARCH_PREPARE,
  sticky: ['SINGLESTEP', 'BLOCKSTEP', 'FORCED_TF'],
  // SYSCALL_USER_DISPATCH (prctl, 5.11) is not modelled; SYSCALL_EXIT_TRAP comes with SINGLESTEP.
  stickyWork: ['SECCOMP', 'SYSCALL_TRACEPOINT', 'SYSCALL_TRACE', 'SYSCALL_EMU', 'SYSCALL_AUDIT'],
  singleStep: { work: STEP_WORK_5_11, report: 'exit-trap' },
  returnWork: RETURN_WORK_5_11,
  neverSet: [],
  setters: [
    // Syscall tracepoints flag syscall_work from 5.11, not ti->flags.
    ...ASYNC_SETTERS.filter((s) => !s.sets.includes('SYSCALL_TRACEPOINT')),
    TRACEPOINT_ENABLE_WORK,
    ...GENERIC_ASYNC,
    ...tracerResumes(STEP_WORK_5_11),
    TRACER_SKIPS_SYSCALL,
    KVM_USER_RETURN_REGISTER,
    ...URN_MOVES,
    UPROBE_NOTIFIER_4X,
    UPROBE_DENY_SIGNAL_4X,
  ],
  // force_iret() and the hook that called it at every ptrace stop went in 5.6 (2b10906f2d25,
  // "x86: Remove force_iret()", read for this project): the SYSRET tests check pt_regs instead.
  forceIretAfterPtraceStop: false,
  opportunisticSysret: 'syscall-4.4',
  auditSyscall: true,
  cites: {
    exitLoop: readIn(COMMON_5_11),
    compatReturn: readIn(
      'arch/x86/entry/common.c do_fast_syscall_32/__do_fast_syscall_32 of 5.x (the same SYSRETL tests as 4.4; read for this project) and entry_64_compat.S sysret32_from_system_call',
    ),
    syscallWork: readIn(
      'kernel/entry/common.c syscall_trace_enter/syscall_exit_work (the 5.10 file, and 299155244770 with its fix for the syscall_work form; read for this project)',
    ),
    singleStep: readIn(
      '"entry: Fix missed trap after single-step on system call return" (Krisman, Feb 2021, before 5.11): SYSCALL_EXIT_TRAP set with TIF_SINGLESTEP, report_single_step reads it (read for this project)',
    ),
    opportunisticSysret: readIn(
      'entry_SYSCALL_64 after do_syscall_64, until 6.8: the tests of 4.4 (RCX == RIP, canonical by sign extension, __USER_CS, R11 == RFLAGS, no RF or TF, __USER_DS), as ca282b486a57 removes them (read for this project)',
    ),
    afterExitLoop: readIn(X86_ENTRY_COMMON),
    forceIret: readIn('2b10906f2d25 "x86: Remove force_iret()" (5.6), read for this project'),
    sticky: readIn('kernel-facts.md §4, "Sticky flags" (the syscall modes moved to syscall_work in 5.11)'),
    returnWork: readIn('kernel-facts.md §4, "One-shot flags"'),
  },
};

/** 6.14: the loop also reschedules for NEED_RESCHED_LAZY, which is one more piece of return work. */
export const BEHAVIOUR_6_14: Behaviour = {
  ...BEHAVIOUR_5_11,
  opportunisticSysret: 'syscall-c',
  doNotifyResume: EXIT_LOOP_6_14,
  schedulesOn: ['NEED_RESCHED', 'NEED_RESCHED_LAZY'],
  returnWork: [...RETURN_WORK_5_11, 'NEED_RESCHED_LAZY'],
  setters: [...BEHAVIOUR_5_11.setters, RESCHED_LAZY],
  cites: {
    ...BEHAVIOUR_5_11.cites,
    exitLoop: readIn(
      'kernel/entry/common.c exit_to_user_mode_loop with (NEED_RESCHED | NEED_RESCHED_LAZY) for schedule(), from the 6.13 lazy-preemption series (read for this project); the handler names after the 5.18 tracehook removal (read)',
    ),
    opportunisticSysret: readIn(
      'do_syscall_64 returns whether to SYSRET since 6.8 (ca282b486a57, 58978b44df72): RCX == RIP and R11 == RFLAGS, __USER_CS and __USER_DS, RIP < TASK_SIZE_MAX, no RF or TF (read for this project)',
    ),
  },
};
