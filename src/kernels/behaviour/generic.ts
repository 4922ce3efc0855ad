import { readAt, readIn, recalled } from '../cite.js';
import { ASYNC_SETTERS, KVM_USER_RETURN_REGISTER, TRACER_RESUMES, URN_MOVES } from './asm3x.js';
import { UPROBE_DENY_SIGNAL_4X, UPROBE_NOTIFIER_4X } from './c4x.js';
import { TRACER_SKIPS_SYSCALL } from './entry.js';
import type { Behaviour, NotifyStep, Setter } from './types.js';

const COMMON = 'kernel/entry/common.c';
const X86_COMMON = 'arch/x86/entry/common.c';

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
    cite: recalled('kernel/livepatch/transition.c klp_start_transition, from another task'),
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

/**
 * __do_fast_syscall_32 reads the EBP the vDSO left on the user's stack between
 * syscall_enter_from_user_mode_prepare and the entry work; a program that made that stack
 * unreadable makes __get_user fault, and the syscall never runs (ax = -EFAULT). What runs
 * instead is the kernel's `compatArgFault`.
 */
const EBP_FETCH_FAULT: Setter = {
  id: 'ebp_fetch_fault',
  what: "the user's stack, where the vDSO saved EBP, cannot be read: __get_user faults",
  sets: [],
  during: 'compat-arg-fetch',
  onPaths: ['compat-syscall'],
  skipsSyscall: true,
  cite: readAt(
    'linux-5.11',
    X86_COMMON,
    '__do_fast_syscall_32 fetches EBP with __get_user from (u32)regs->sp',
  ),
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
  compatArgFault: 'syscall-exit',
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
    EBP_FETCH_FAULT,
  ],
  // force_iret() and the hook that called it at every ptrace stop are gone (2b10906f2d25, 5.6):
  // the SYSRET tests check pt_regs instead.
  forceIretAfterPtraceStop: false,
  opportunisticSysret: 'syscall-4.4',
  auditSyscall: true,
  cites: {
    exitLoop: readAt(
      'linux-5.11',
      COMMON,
      'exit_to_user_mode_loop while ti_work & EXIT_TO_USER_MODE_WORK, IRQs on each lap: NEED_RESCHED schedule, UPROBE uprobe_notify_resume, PATCH_PENDING klp_update_patch_state, SIGPENDING|NOTIFY_SIGNAL handle_signal_work (tracehook_notify_signal, then arch_do_signal_or_restart), NOTIFY_RESUME tracehook_notify_resume (clears it) and rseq_handle_notify_resume; IRQs off, flags re-read',
    ),
    compatReturn: readAt(
      'linux-5.11',
      X86_COMMON,
      'do_fast_syscall_32: RIP set to the landing pad; SYSRETL when CS == __USER32_CS, SS == __USER_DS, IP == landing pad and no RF or TF, else IRET',
    ),
    compatArgFault: readAt(
      'linux-5.11',
      X86_COMMON,
      '__do_fast_syscall_32: when the EBP fetch faults, ax = -EFAULT and syscall_exit_to_user_mode(regs) with IRQs on (the syscall exit work, without the entry work ever having run), then IRET; fixed by 5d5675df792f',
    ),
    syscallWork: readAt(
      'linux-5.11',
      COMMON,
      'syscall_trace_enter: USER_DISPATCH, the ptrace report for TRACE|EMU, seccomp, the tracepoint, audit; syscall_exit_to_user_mode_prepare: syscall_exit_work only for work & SYSCALL_WORK_EXIT: audit exit, the tracepoint, step = !EMU && SYSCALL_EXIT_TRAP, the report',
    ),
    singleStep: readAt(
      'linux-5.11',
      'arch/x86/kernel/step.c',
      'enable_single_step sets TIF_SINGLESTEP and SYSCALL_EXIT_TRAP in syscall_work; user_disable_single_step clears both',
    ),
    opportunisticSysret: readAt(
      'linux-5.11',
      'arch/x86/entry/entry_64.S',
      'after do_syscall_64: RCX == RIP, RCX canonical (sign extension), CS == __USER_CS, R11 == RFLAGS, RF and TF clear, SS == __USER_DS, then SYSRET, else IRET',
    ),
    afterExitLoop: readAt(
      'linux-5.11',
      'arch/x86/include/asm/entry-common.h',
      'arch_exit_to_user_mode_prepare, once after the loop with IRQs off: fire_user_return_notifiers for _TIF_USER_RETURN_NOTIFY (not a loop flag; firing does not clear it)',
    ),
    forceIret: readAt(
      'linux-5.11',
      'include/linux/ptrace.h',
      'arch_ptrace_stop_needed is the generic (0): x86 defines neither it nor force_iret any more',
    ),
    rseq: readAt(
      'linux-5.11',
      'kernel/rseq.c',
      "rseq_handle_notify_resume may move the saved RIP to the rseq abort handler (rseq_ip_fixup) when the task was in a critical section: interrupt and exception returns, which are IRET; a syscall in a critical section is the program's bug (rseq_syscall). Not modelled as a pt_regs writer",
    ),
    sticky: recalled(
      'flags that stay set until a request clears them (the syscall modes moved to syscall_work in 5.11): kernel/ptrace.c, kernel/seccomp.c, kernel/auditsc.c, kernel/tracepoint.c',
    ),
    returnWork: recalled(
      'flags their work clears: the calls of exit_to_user_mode_loop (kernel/entry/common.c)',
    ),
  },
};

/**
 * 6.14: the loop also reschedules for NEED_RESCHED_LAZY, which is one more piece of return work; the
 * SYSRET tests are in C (since 6.7); a compat syscall whose EBP cannot be read leaves by
 * irqentry_exit_to_user_mode, with no syscall exit work (5d5675df792f).
 */
export const BEHAVIOUR_6_14: Behaviour = {
  ...BEHAVIOUR_5_11,
  fred: 'available',
  compatArgFault: 'irqentry-exit',
  opportunisticSysret: 'syscall-c',
  doNotifyResume: EXIT_LOOP_6_14,
  schedulesOn: ['NEED_RESCHED', 'NEED_RESCHED_LAZY'],
  returnWork: [...RETURN_WORK_5_11, 'NEED_RESCHED_LAZY'],
  setters: [...BEHAVIOUR_5_11.setters, RESCHED_LAZY],
  cites: {
    ...BEHAVIOUR_5_11.cites,
    exitLoop: readAt(
      'linux-6.14',
      COMMON,
      'exit_to_user_mode_loop: NEED_RESCHED|NEED_RESCHED_LAZY schedule, UPROBE, PATCH_PENDING, SIGPENDING|NOTIFY_SIGNAL arch_do_signal_or_restart (get_signal clears NOTIFY_SIGNAL), NOTIFY_RESUME resume_user_mode_work (clears it first, rseq last); IRQs off, flags re-read',
    ),
    compatReturn: readAt(
      'linux-6.14',
      X86_COMMON,
      'do_fast_syscall_32: IRET unless IP == landing pad, CS == __USER32_CS, SS == __USER_DS and no RF, TF or VM',
    ),
    compatArgFault: readAt(
      'linux-6.14',
      X86_COMMON,
      '__do_fast_syscall_32: when the EBP fetch faults, ax = -EFAULT, IRQs off, irqentry_exit_to_user_mode(regs): the exit loop, no syscall exit work; then IRET',
    ),
    syscallWork: readAt(
      'linux-6.14',
      COMMON,
      'syscall_trace_enter: USER_DISPATCH, the ptrace report for TRACE|EMU, seccomp, the tracepoint (nr re-read), audit; syscall_exit_work for work & SYSCALL_WORK_EXIT: audit exit, the tracepoint, step = !EMU && SYSCALL_EXIT_TRAP, the report',
    ),
    singleStep: readAt(
      'linux-6.14',
      'arch/x86/kernel/step.c',
      'enable_single_step sets TIF_SINGLESTEP and SYSCALL_EXIT_TRAP; user_disable_single_step clears both',
    ),
    opportunisticSysret: readAt(
      'linux-6.14',
      X86_COMMON,
      'do_syscall_64 returns whether to SYSRET (since 6.7, ca282b486a57 and 58978b44df72): not XENPV, RCX == RIP and R11 == RFLAGS, __USER_CS and __USER_DS, RIP < TASK_SIZE_MAX, no RF or TF',
    ),
    afterExitLoop: readAt(
      'linux-6.14',
      'arch/x86/include/asm/entry-common.h',
      'arch_exit_to_user_mode_prepare, once after the loop with IRQs off: arch_exit_work fires the user-return notifiers for _TIF_USER_RETURN_NOTIFY',
    ),
    forceIret: readAt('linux-6.14', 'include/linux/ptrace.h', 'arch_ptrace_stop_needed is the generic (0)'),
    fred: readAt(
      'linux-6.14',
      'arch/x86/entry/entry_fred.c',
      'fred_entry_from_user -> fred_other calls do_syscall_64 (FRED_SYSCALL) or do_fast_syscall_32 (FRED_SYSENTER) and drops the answer; every return goes back through asm_fred_exit_user, ERETU (entry_64_fred.S); CONFIG_X86_FRED, used where the CPU has FRED',
    ),
    rseq: readAt(
      'linux-6.14',
      'kernel/rseq.c',
      'resume_user_mode_work ends with rseq_handle_notify_resume, which may move the saved RIP to the abort handler (rseq_ip_fixup); as in 5.11, not modelled as a pt_regs writer',
    ),
  },
};
