import { type Cite, inferred, readAt, recalled } from '../cite.js';
import type { PathId } from '../pathId.js';
import type { TreeId } from '../trees.js';
import { TRACER_SKIPS_SYSCALL } from './entry.js';
import type { Behaviour, NotifyStep, Setter, SyscallEntry } from './types.js';

/**
 * Behaviour of the kernels whose exits are the asm loops of arch/x86/kernel/entry_64.S (3.x and
 * 4.0): what each release's tree says, through `asm3xBehaviour`, and the environment they share.
 */

const TRACER = 'kernel/ptrace.c resume requests: each sets its mode and clears the others';

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
  'set by another CPU, or by the task in the kernel with IRQs on: the resched IPI and timer tick (kernel/sched/core.c), signal_wake_up (kernel/signal.c), set_notify_resume and task_work_add (include/linux/tracehook.h, kernel/task_work.c)';

/** Setters that can act at any step with IRQs on. */
export const ASYNC_SETTERS: readonly Setter[] = [
  {
    id: 'resched_ipi',
    what: 'a reschedule IPI or the tick asks this CPU to reschedule',
    sets: ['NEED_RESCHED'],
    during: 'irqs-on',
    pendingAt: 'all',
    cite: recalled(ASYNC),
  },
  {
    id: 'signal_wake_up',
    what: 'another CPU queues a signal for the task',
    sets: ['SIGPENDING'],
    during: 'irqs-on',
    pendingAt: 'all',
    cite: recalled(ASYNC),
  },
  {
    id: 'task_work_add',
    what: 'another CPU queues task_work (or calls set_notify_resume)',
    sets: ['NOTIFY_RESUME'],
    during: 'irqs-on',
    pendingAt: 'all',
    cite: recalled(ASYNC),
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
    cite: recalled(
      '__switch_to -> propagate_user_return_notify (kernel/user-return-notifier.c) moves the flag from prev to next',
    ),
  },
  {
    id: 'urn_moved_here',
    what: 'a context switch brings USER_RETURN_NOTIFY from the previous task',
    sets: ['USER_RETURN_NOTIFY'],
    during: 'schedule',
    cite: recalled(
      '__switch_to -> propagate_user_return_notify (kernel/user-return-notifier.c) moves the flag from prev to next',
    ),
  },
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

export const RETURN_WORK_3X = ['NEED_RESCHED', 'SIGPENDING', 'NOTIFY_RESUME', 'UPROBE', 'USER_RETURN_NOTIFY'];

/** What one asm-era release does, as read in its tree. */
export interface Asm3xFacts {
  /** The tree entry_64.S, signal.c, ptrace.c, uprobes.c and the ptrace hook were read in. */
  readonly tree: TreeId;
  /** Who clears TIF_UPROBE: do_notify_resume before the call (3.6), or uprobe_notify_resume (3.13 on). */
  readonly uprobeClear: 'caller' | 'callee';
  /** uprobe_deny_signal's flags: UPROBE and NOTIFY_RESUME until 3.17, UPROBE alone from 3.18. */
  readonly denySignalSets: readonly ('UPROBE' | 'NOTIFY_RESUME')[];
  /** TIF_MCE_NOTIFY and mce_notify_process exist (until 3.19). */
  readonly mce: boolean;
  /** arch_ptrace_stop_needed sets TIF_NOTIFY_RESUME before every ptrace stop (3.16 on). */
  readonly ptraceStopHook: boolean;
  /** Where an int3, #DB or #MC from user mode returns: paranoid_userspace (until 3.19) or error_exit (4.0). */
  readonly paranoidFromUser: 'paranoid_userspace' | 'error_exit';
  readonly opportunisticSysret: 'none' | 'retint-rf' | 'retint-4.0';
  readonly syscallFastExit: 'sysret-careful' | 'iret-path';
  readonly entry: SyscallEntry;
  /** The file the exit paths were read in, when not the release's own arch/x86/kernel/entry_64.S. */
  readonly cites?: Readonly<Record<string, Cite>>;
}

/** The behaviour of one asm-era release, every flow fact cited to its tree. */
export function asm3xBehaviour(f: Asm3xFacts): Behaviour {
  const entry64 = (what: string) => readAt(f.tree, 'arch/x86/kernel/entry_64.S', what);
  const uprobes = (what: string) => readAt(f.tree, 'kernel/events/uprobes.c', what);
  const doNotifyResume: NotifyStep[] = [
    ...(f.mce
      ? [
          {
            flag: 'MCE_NOTIFY',
            callee: 'mce_notify_process',
            clearing: 'callee',
            opens: 'mce_notify_process',
          } as const,
        ]
      : []),
    { flag: 'UPROBE', callee: 'uprobe_notify_resume', clearing: f.uprobeClear, changesRegs: true },
    { flag: 'SIGPENDING', callee: 'do_signal', clearing: 'recalc', opens: 'do_signal', changesRegs: true },
    { flag: 'NOTIFY_RESUME', callee: 'tracehook_notify_resume', clearing: 'caller' },
    { flag: 'USER_RETURN_NOTIFY', callee: 'fire_user_return_notifiers', clearing: 'unregister' },
  ];
  // With error_exit, an int3, #DB or #MC from user mode returns like any other exception.
  const trap: PathId = f.paranoidFromUser === 'paranoid_userspace' ? 'paranoid-exit' : 'exception-exit';
  const denySignal: Setter = {
    id: 'uprobe_deny_signal',
    what: 'uprobe_deny_signal holds signals back during a uprobe single-step',
    sets: f.denySignalSets,
    clears: ['SIGPENDING'],
    during: 'do_signal',
    // Only while a uprobe's out-of-line single-step is in flight, i.e. on the exits of the trap,
    // fault or interrupt that hits the stepped instruction. uprobes never steps syscall, sysenter
    // or int n (0f 05, 0f 34 and cd are "bad" in arch/x86/kernel/uprobes.c good_insns tables), so
    // no syscall exit runs with one in flight.
    onPaths: ['interrupt-exit', 'exception-exit', 'paranoid-exit'],
    cite: uprobes(
      `uprobe_deny_signal clears TIF_SIGPENDING and sets TIF_${f.denySignalSets.join(' and TIF_')}`,
    ),
  };
  const setters: Setter[] = [
    ...ASYNC_SETTERS,
    ...TRACER_RESUMES,
    TRACER_SKIPS_SYSCALL,
    {
      id: 'uprobe_sstep_notifier',
      what: 'the int3/#DB uprobe notifier flags the task',
      sets: ['UPROBE'],
      pendingAt: [trap],
      cite: uprobes('uprobe_pre_sstep_notifier and uprobe_post_sstep_notifier set TIF_UPROBE'),
    },
    denySignal,
    ...(f.mce
      ? [
          {
            id: 'do_machine_check',
            what: 'a machine check in user mode flags the task',
            sets: ['MCE_NOTIFY'],
            pendingAt: [trap],
            cite: readAt(
              f.tree,
              'arch/x86/kernel/cpu/mcheck/mce.c',
              'do_machine_check sets TIF_MCE_NOTIFY for an action-required error; mce_notify_process clears it',
            ),
          },
          {
            id: 'mce_sigbus',
            what: 'mce_notify_process forces SIGBUS',
            sets: ['SIGPENDING'],
            during: 'mce_notify_process',
            cite: recalled('mce_notify_process (arch/x86/kernel/cpu/mcheck/mce.c) may force_sig(SIGBUS)'),
          } satisfies Setter,
        ]
      : []),
    KVM_USER_RETURN_REGISTER,
    ...URN_MOVES,
  ];
  return {
    exitModel: 'asm-3x',
    paths: [
      'syscall-exit',
      'interrupt-exit',
      'exception-exit',
      ...(f.paranoidFromUser === 'paranoid_userspace' ? (['paranoid-exit'] as const) : []),
      'syscall',
    ],
    doNotifyResume,
    sticky: STICKY_3X,
    returnWork: f.mce ? [...RETURN_WORK_3X, 'MCE_NOTIFY'] : RETURN_WORK_3X,
    neverSet: [],
    setters,
    forceIretAfterPtraceStop: f.ptraceStopHook,
    opportunisticSysret: f.opportunisticSysret,
    auditSyscall: true,
    syscallFastExit: f.syscallFastExit,
    syscallEntry: f.entry,
    cites: {
      exitPaths: entry64(
        `the syscall, interrupt and exception returns: ret_from_sys_call ${f.syscallFastExit === 'iret-path' ? '(one IRQs-off test of _TIF_ALLWORK_MASK, work goes to int_ret_from_sys_call_irqs_off)' : 'and sysret_check/careful/signal/audit'}, the int_* loop, retint_*, error_exit${f.paranoidFromUser === 'paranoid_userspace' ? ', paranoid_userspace' : ''}`,
      ),
      paranoidFromUser: entry64(
        f.paranoidFromUser === 'paranoid_userspace'
          ? 'an int3, #DB or #MC from user mode leaves by paranoid_exit/paranoid_userspace, which calls do_notify_resume for any _TIF_WORK_MASK bit'
          : 'idtentry with paranoid=1, from user mode: error_entry, sync_regs, error_exit',
      ),
      doNotifyResume: readAt(
        f.tree,
        'arch/x86/kernel/signal.c',
        `do_notify_resume: ${doNotifyResume.map((s) => s.flag).join(', ')}, in that order, on its flags argument; NOTIFY_RESUME cleared by the caller${f.uprobeClear === 'caller' ? ', UPROBE too' : ''}`,
      ),
      uprobeClear: uprobes(
        f.uprobeClear === 'callee'
          ? 'uprobe_notify_resume clears TIF_UPROBE itself'
          : 'uprobe_notify_resume does not clear TIF_UPROBE (do_notify_resume does)',
      ),
      signalDelivery: readAt(
        f.tree,
        'kernel/signal.c',
        'get_signal_to_deliver: uprobe_deny_signal, then the ptrace signal-delivery stop (ptrace_signal), before handle_signal builds the frame',
      ),
      syscallTraceLeave: readAt(
        f.tree,
        'arch/x86/kernel/ptrace.c',
        'syscall_trace_leave: audit exit, tracepoint, step = SINGLESTEP && !EMU, the ptrace report',
      ),
      forceIret: f.ptraceStopHook
        ? readAt(
            f.tree,
            'arch/x86/include/asm/ptrace.h',
            'arch_ptrace_stop_needed sets TIF_NOTIFY_RESUME and is false; ptrace_stop calls it before the task sleeps (CVE-2014-4699, b9cd18de4db3)',
          )
        : readAt(
            f.tree,
            'include/linux/ptrace.h',
            'arch_ptrace_stop_needed is the generic (0): x86 has no hook, so nothing forces IRET after a ptrace stop',
          ),
      opportunisticSysret: entry64(
        f.opportunisticSysret === 'none'
          ? 'every slow path ends in IRET at retint_swapgs; only the fast path returns by SYSRET, RCX loaded from the saved RIP'
          : `opportunistic SYSRET at retint_swapgs: RCX == RIP, RCX >> __VIRTUAL_MASK_SHIFT (47) == 0, __USER_CS, R11 == RFLAGS, ${f.opportunisticSysret === 'retint-rf' ? 'RF' : 'RF and TF'} clear, __USER_DS`,
      ),
      sticky: recalled(
        'flags that stay set until a request clears them: the ptrace resume requests (kernel/ptrace.c), a seccomp filter (kernel/seccomp.c), audit_alloc (kernel/auditsc.c), the syscall tracepoints (kernel/tracepoint.c)',
      ),
      returnWork: recalled(
        "flags their work clears: do_notify_resume's calls (arch/x86/kernel/signal.c) and schedule() for NEED_RESCHED",
      ),
      auditSyscall: inferred('CONFIG_AUDITSYSCALL=y, as distribution kernels build it'),
      ...f.cites,
    },
  };
}
