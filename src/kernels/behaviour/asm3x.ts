import { inferred, readIn, recalled } from '../cite.js';
import { ENTRY_3X_SINGLE, TRACER_SKIPS_SYSCALL } from './entry.js';
import type { Behaviour, NotifyStep, Setter } from './types.js';

/**
 * Behaviour of the 3.x kernels whose exits are the asm loops of entry_64.S. Facts from
 * kernel-facts.md §3-4 and the sources read for this project (cited per item).
 */

const SIGNAL_C_37 =
  'arch/x86/kernel/signal.c do_notify_resume, 3.6/3.7 and 3.10-3.15 forms (kernel-facts.md §4; read for this project)';

/** do_notify_resume of 3.5..3.15: MCE, UPROBE, SIGPENDING, NOTIFY_RESUME, USER_RETURN_NOTIFY. */
export const DO_NOTIFY_RESUME_3X: readonly NotifyStep[] = [
  { flag: 'MCE_NOTIFY', callee: 'mce_notify_process', clearing: 'callee', opens: 'mce_notify_process' },
  { flag: 'UPROBE', callee: 'uprobe_notify_resume', clearing: 'caller', changesRegs: true },
  { flag: 'SIGPENDING', callee: 'do_signal', clearing: 'recalc', opens: 'do_signal', changesRegs: true },
  { flag: 'NOTIFY_RESUME', callee: 'tracehook_notify_resume', clearing: 'caller' },
  { flag: 'USER_RETURN_NOTIFY', callee: 'fire_user_return_notifiers', clearing: 'unregister' },
];

const TRACER =
  'kernel/ptrace.c resume requests: each sets its mode and clears the others (kernel-facts.md §4, sticky flags)';

/** What a tracer can do while the task is stopped: resume it in one of the ptrace modes. */
export const TRACER_RESUMES: readonly Setter[] = [
  {
    id: 'PTRACE_CONT',
    what: 'the tracer resumes the task with PTRACE_CONT',
    sets: [],
    clears: ['SYSCALL_TRACE', 'SYSCALL_EMU', 'SINGLESTEP'],
    during: 'ptrace-stop',
    changesRegs: true,
    cite: recalled(TRACER),
  },
  {
    id: 'PTRACE_SYSCALL',
    what: 'the tracer resumes the task with PTRACE_SYSCALL',
    sets: ['SYSCALL_TRACE'],
    clears: ['SYSCALL_EMU', 'SINGLESTEP'],
    during: 'ptrace-stop',
    changesRegs: true,
    cite: recalled(TRACER),
  },
  {
    id: 'PTRACE_SINGLESTEP',
    what: 'the tracer resumes the task with PTRACE_SINGLESTEP',
    sets: ['SINGLESTEP'],
    clears: ['SYSCALL_TRACE', 'SYSCALL_EMU'],
    during: 'ptrace-stop',
    changesRegs: true,
    cite: recalled(TRACER),
  },
  {
    id: 'PTRACE_SYSEMU',
    what: 'the tracer resumes the task with PTRACE_SYSEMU',
    sets: ['SYSCALL_EMU'],
    clears: ['SYSCALL_TRACE', 'SINGLESTEP'],
    during: 'ptrace-stop',
    changesRegs: true,
    cite: recalled(TRACER),
  },
  {
    id: 'PTRACE_SYSEMU_SINGLESTEP',
    what: 'the tracer resumes the task with PTRACE_SYSEMU_SINGLESTEP',
    sets: ['SYSCALL_EMU', 'SINGLESTEP'],
    clears: ['SYSCALL_TRACE'],
    during: 'ptrace-stop',
    changesRegs: true,
    cite: recalled(TRACER),
  },
];

const ASYNC =
  'kernel-facts.md §4, "Set asynchronously, by another CPU or while the task runs in the kernel with IRQs on"';

/** Setters that can act at any step with IRQs on. */
export const ASYNC_SETTERS: readonly Setter[] = [
  {
    id: 'resched_ipi',
    what: 'a reschedule IPI or the tick asks this CPU to reschedule',
    sets: ['NEED_RESCHED'],
    during: 'irqs-on',
    pendingAt: 'all',
    cite: readIn(ASYNC),
  },
  {
    id: 'signal_wake_up',
    what: 'another CPU queues a signal for the task',
    sets: ['SIGPENDING'],
    during: 'irqs-on',
    pendingAt: 'all',
    cite: readIn(ASYNC),
  },
  {
    id: 'task_work_add',
    what: 'another CPU queues task_work (or calls set_notify_resume)',
    sets: ['NOTIFY_RESUME'],
    during: 'irqs-on',
    pendingAt: 'all',
    cite: readIn(ASYNC),
  },
  {
    id: 'tracepoint_enable',
    what: 'syscall tracepoints get registered and flag every thread',
    sets: ['SYSCALL_TRACEPOINT'],
    during: 'irqs-on',
    pendingAt: 'all',
    cite: recalled(ASYNC),
  },
];

/** uprobe_deny_signal in 3.5..3.13: also sets NOTIFY_RESUME so that DO_NOTIFY lets UPROBE through. */
export const UPROBE_DENY_SIGNAL_WORKAROUND: Setter = {
  id: 'uprobe_deny_signal',
  what: 'uprobe_deny_signal holds signals back during a uprobe single-step',
  sets: ['UPROBE', 'NOTIFY_RESUME'],
  clears: ['SIGPENDING'],
  during: 'do_signal',
  // Only while a uprobe's out-of-line single-step is in flight, i.e. on the exits of the trap, fault
  // or interrupt that hits the stepped instruction. uprobes never steps syscall, sysenter or int n
  // (0f 05, 0f 34 and cd are "bad" in arch/x86/kernel/uprobes.c good_insns tables, read for this
  // project), so no syscall exit runs with one in flight.
  onPaths: ['interrupt-exit', 'exception-exit', 'paranoid-exit'],
  cite: readIn(
    'kernel/events/uprobes.c uprobe_deny_signal of 3.x: sets TIF_UPROBE and TIF_NOTIFY_RESUME (read for this project)',
  ),
};

/** KVM_RUN (a syscall body) registers a user-return notifier; the syscall's exit finds the flag. */
export const KVM_USER_RETURN_REGISTER: Setter = {
  id: 'kvm_user_return_register',
  what: 'KVM registers a user-return notifier during KVM_RUN',
  sets: ['USER_RETURN_NOTIFY'],
  during: 'syscall-body',
  pendingAt: ['syscall-exit'],
  cite: recalled('arch/x86/kvm/x86.c kvm_set_shared_msr registers during the KVM_RUN ioctl'),
};

/** Context switches move USER_RETURN_NOTIFY with the notifier list (__switch_to). */
export const URN_MOVES: readonly Setter[] = [
  {
    id: 'urn_moved_away',
    what: 'a context switch moves USER_RETURN_NOTIFY to the next task',
    sets: [],
    clears: ['USER_RETURN_NOTIFY'],
    during: 'schedule',
    cite: readIn(
      '__switch_to -> propagate_user_return_notify moves the flag from prev to next (kernel-facts.md §4)',
    ),
  },
  {
    id: 'urn_moved_here',
    what: 'a context switch brings USER_RETURN_NOTIFY from the previous task',
    sets: ['USER_RETURN_NOTIFY'],
    during: 'schedule',
    cite: readIn(
      '__switch_to -> propagate_user_return_notify moves the flag from prev to next (kernel-facts.md §4)',
    ),
  },
];

export const SETTERS_3X: readonly Setter[] = [
  ...ASYNC_SETTERS,
  ...TRACER_RESUMES,
  TRACER_SKIPS_SYSCALL,
  {
    id: 'uprobe_sstep_notifier',
    what: 'the int3/#DB uprobe notifier flags the task',
    sets: ['UPROBE'],
    pendingAt: ['paranoid-exit'],
    cite: readIn(
      'uprobe_pre_sstep_notifier/uprobe_post_sstep_notifier, from do_int3/do_debug (kernel-facts.md §4)',
    ),
  },
  UPROBE_DENY_SIGNAL_WORKAROUND,
  {
    id: 'do_machine_check',
    what: 'a machine check in user mode flags the task',
    sets: ['MCE_NOTIFY'],
    pendingAt: ['paranoid-exit'],
    cite: readIn(
      'arch/x86/kernel/cpu/mcheck/mce.c: action-required errors from user mode (kernel-facts.md §4)',
    ),
  },
  {
    id: 'mce_sigbus',
    what: 'mce_notify_process forces SIGBUS',
    sets: ['SIGPENDING'],
    during: 'mce_notify_process',
    cite: readIn('kernel-facts.md §4 (mce_notify_process may force_sig(SIGBUS))'),
  },
  KVM_USER_RETURN_REGISTER,
  ...URN_MOVES,
];

export const STICKY_3X = [
  'SYSCALL_TRACE',
  'SYSCALL_EMU',
  'SINGLESTEP',
  'SYSCALL_AUDIT',
  'SECCOMP',
  'SYSCALL_TRACEPOINT',
  'NOHZ',
  'BLOCKSTEP',
  'FORCED_TF',
];

export const RETURN_WORK_3X = [
  'NEED_RESCHED',
  'SIGPENDING',
  'NOTIFY_RESUME',
  'UPROBE',
  'MCE_NOTIFY',
  'USER_RETURN_NOTIFY',
];

export const BEHAVIOUR_3X: Behaviour = {
  exitModel: 'asm-3x',
  paths: ['syscall-exit', 'interrupt-exit', 'exception-exit', 'paranoid-exit', 'syscall'],
  doNotifyResume: DO_NOTIFY_RESUME_3X,
  sticky: STICKY_3X,
  returnWork: RETURN_WORK_3X,
  neverSet: [],
  setters: SETTERS_3X,
  forceIretAfterPtraceStop: false,
  opportunisticSysret: 'none',
  auditSyscall: true,
  syscallEntry: ENTRY_3X_SINGLE,
  cites: {
    exitPaths: readIn(
      'arch/x86/kernel/entry_64.S, 3.13-3.18 (torvalds/linux @3891a04aafd6 and a 3.18 copy; kernel-facts.md §3)',
    ),
    doNotifyResume: readIn(SIGNAL_C_37),
    syscallTraceLeave: readIn('arch/x86/kernel/ptrace.c syscall_trace_leave, 3.x (kernel-facts.md §4)'),
    sticky: readIn('kernel-facts.md §4, "Sticky flags"'),
    returnWork: readIn('kernel-facts.md §4, "One-shot flags"'),
    opportunisticSysret: readIn(
      'entry_64.S of 3.x: every slow path ends in IRET at retint_swapgs; only sysret_check returns by SYSRET, RCX loaded from the saved RIP (kernel-facts.md §3, §6)',
    ),
    auditSyscall: inferred('CONFIG_AUDITSYSCALL=y, as distribution kernels build it'),
  },
};
