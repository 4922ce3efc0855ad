import { readAt, recalled } from '../cite.js';
import type { TreeId } from '../trees.js';
import { ASYNC_SETTERS, KVM_USER_RETURN_REGISTER, STICKY_3X, TRACER_RESUMES, URN_MOVES } from './asm3x.js';
import { TRACER_SKIPS_SYSCALL } from './entry.js';
import type { Behaviour, NotifyStep, Setter, SyscallEntry } from './types.js';

/**
 * The C exit loop's body after its schedule(): the callees of the flags it read, in order (4.3's
 * prepare_exit_to_usermode, 4.4 to 4.8's exit_to_usermode_loop read alike). uprobe_notify_resume
 * clears TIF_UPROBE itself; the loop clears NOTIFY_RESUME before tracehook_notify_resume.
 */
export const EXIT_LOOP_4_4: readonly NotifyStep[] = [
  { flag: 'UPROBE', callee: 'uprobe_notify_resume', clearing: 'callee', changesRegs: true },
  { flag: 'SIGPENDING', callee: 'do_signal', clearing: 'recalc', opens: 'do_signal', changesRegs: true },
  { flag: 'NOTIFY_RESUME', callee: 'tracehook_notify_resume', clearing: 'caller' },
  { flag: 'USER_RETURN_NOTIFY', callee: 'fire_user_return_notifiers', clearing: 'unregister' },
];

/**
 * int3/#DB from user mode: the uprobe notifiers flag the task before its exception exit (from
 * 5.8 do_int3/do_debug are exc_int3/exc_debug; the notifiers are the same). Generic entry's eras
 * use the constant; the C era's cite their own tree.
 */
export const UPROBE_NOTIFIER_4X: Setter = {
  id: 'uprobe_sstep_notifier',
  what: 'the int3/#DB uprobe notifier flags the task',
  sets: ['UPROBE'],
  // From 3.19 a paranoid exception from user mode leaves through error_exit (kernel-facts.md §3).
  pendingAt: ['exception-exit'],
  cite: recalled('uprobe_pre_sstep_notifier/uprobe_post_sstep_notifier, from do_int3/do_debug'),
};

/** uprobe_deny_signal without the 3.x NOTIFY_RESUME workaround (gone since 3.18). */
export const UPROBE_DENY_SIGNAL_4X: Setter = {
  id: 'uprobe_deny_signal',
  what: 'uprobe_deny_signal holds signals back during a uprobe single-step',
  sets: ['UPROBE'],
  clears: ['SIGPENDING'],
  during: 'do_signal',
  onPaths: ['interrupt-exit', 'exception-exit'],
  cite: recalled('kernel/events/uprobes.c uprobe_deny_signal after 3.18: UPROBE only'),
};

/** What a C-era tree's files say, per release. */
export interface C4xFacts {
  readonly tree: TreeId;
  /** Whether the compat syscall's fast entry is in C yet (4.4 on; 4.3's is still asm). */
  readonly compatInC: boolean;
  /** 4.3 writes the exit work inline in prepare_exit_to_usermode; 4.4 on, exit_to_usermode_loop. */
  readonly loop: 'inline' | 'exit_to_usermode_loop';
  /** Where the opportunistic SYSRET tests are: int_ret_from_sys_call, or (4.6 on) return_from_SYSCALL_64. */
  readonly sysretAt: 'int_ret_from_sys_call' | 'return_from_SYSCALL_64';
  readonly entry: SyscallEntry;
}

/**
 * The C era (4.3 to 4.8): whole syscalls with the C exit, 64-bit and, from 4.4, compat (the vDSO's
 * fast 32-bit entry, rewritten in C by seed 001's series), and the interrupt and exception returns
 * through retint_user and the same C loop; each fact cited in `f.tree`.
 */
export function c4xBehaviour(f: C4xFacts): Behaviour {
  const { tree } = f;
  const common = 'arch/x86/entry/common.c';
  const loopCite =
    f.loop === 'inline'
      ? 'prepare_exit_to_usermode: IRQs off, then a loop that re-reads ti->flags and stops when none of SIGPENDING, NOTIFY_RESUME, UPROBE, NEED_RESCHED, USER_RETURN_NOTIFY is set; its body (IRQs on): schedule, uprobe_notify_resume, do_signal, NOTIFY_RESUME cleared then tracehook_notify_resume, fire_user_return_notifiers; IRQs off'
      : 'prepare_exit_to_usermode reads ti->flags with IRQs off and calls exit_to_usermode_loop for EXIT_TO_USERMODE_LOOP_FLAGS; its body (IRQs on): schedule, uprobe_notify_resume, do_signal, NOTIFY_RESUME cleared then tracehook_notify_resume, fire_user_return_notifiers; IRQs off, flags re-read, again while a loop flag is set';
  const sysretCite =
    f.sysretAt === 'int_ret_from_sys_call'
      ? 'int_ret_from_sys_call, after syscall_return_slowpath: RCX == RIP, RCX canonical, CS == __USER_CS, R11 == RFLAGS, RF and TF clear, SS == __USER_DS, then SYSRET, else IRET; the fast path loads RCX from RIP and R11 from EFLAGS and SYSRETs untested'
      : 'return_from_SYSCALL_64, after do_syscall_64: RCX == RIP, RCX canonical, CS == __USER_CS, R11 == RFLAGS, RF and TF clear, SS == __USER_DS, then SYSRET, else IRET; the fast path loads RCX from RIP and R11 from EFLAGS and SYSRETs untested';
  const setters: Setter[] = [
    ...ASYNC_SETTERS,
    ...TRACER_RESUMES,
    TRACER_SKIPS_SYSCALL,
    KVM_USER_RETURN_REGISTER,
    ...URN_MOVES,
    {
      ...UPROBE_NOTIFIER_4X,
      cite: readAt(
        tree,
        'kernel/events/uprobes.c',
        'uprobe_pre_sstep_notifier and uprobe_post_sstep_notifier set TIF_UPROBE',
      ),
    },
    {
      ...UPROBE_DENY_SIGNAL_4X,
      cite: readAt(
        tree,
        'kernel/events/uprobes.c',
        'uprobe_deny_signal clears TIF_SIGPENDING and, when the step was trapped or a fatal signal is pending, sets TIF_UPROBE alone',
      ),
    },
  ];
  return {
    exitModel: 'c-4x',
    paths: f.compatInC
      ? ['syscall', 'compat-syscall', 'interrupt-exit', 'exception-exit']
      : ['syscall', 'interrupt-exit', 'exception-exit'],
    doNotifyResume: EXIT_LOOP_4_4,
    sticky: STICKY_3X,
    returnWork: ['NEED_RESCHED', 'SIGPENDING', 'NOTIFY_RESUME', 'UPROBE', 'USER_RETURN_NOTIFY'],
    neverSet: [],
    setters,
    forceIretAfterPtraceStop: true,
    opportunisticSysret: 'syscall-4.4',
    auditSyscall: true,
    syscallEntry: f.entry,
    cites: {
      exitLoop: readAt(tree, common, loopCite),
      slowExitWork: readAt(
        tree,
        common,
        'syscall_return_slowpath: flags read once; for SYSCALL_TRACE, SYSCALL_AUDIT, SINGLESTEP or SYSCALL_TRACEPOINT: audit exit, the tracepoint, step = SINGLESTEP && !EMU, the ptrace report if step or SYSCALL_TRACE; then IRQs off and prepare_exit_to_usermode',
      ),
      interruptExit: readAt(
        tree,
        'arch/x86/entry/entry_64.S',
        'retint_user (and error_exit from user mode): prepare_exit_to_usermode with IRQs off, then IRET',
      ),
      forceIret: readAt(
        tree,
        'arch/x86/include/asm/ptrace.h',
        'arch_ptrace_stop_needed calls force_iret() (thread_info.h: set TIF_NOTIFY_RESUME) and is false: a ptrace stop sends the exit to the slow path, where the register tests still decide',
      ),
      opportunisticSysret: readAt(tree, 'arch/x86/entry/entry_64.S', sysretCite),
      uprobeClear: readAt(tree, 'kernel/events/uprobes.c', 'uprobe_notify_resume clears TIF_UPROBE first'),
      signalDelivery: readAt(
        tree,
        'kernel/signal.c',
        'get_signal: uprobe_deny_signal, then the ptrace signal-delivery stop (ptrace_signal), before handle_signal builds the frame; the native 64-bit frame writes ip, sp, cs and leaves RCX and R11',
      ),
      ...(f.compatInC
        ? {
            compatReturn: readAt(
              tree,
              common,
              'do_fast_syscall_32: RIP set to the landing pad, IRQs on, do_syscall_32_irqs_on (syscall_trace_enter for _TIF_WORK_SYSCALL_ENTRY, the table, syscall_return_slowpath); SYSRETL when CS == __USER32_CS, SS == __USER_DS, IP == landing pad and no RF or TF, else IRET',
            ),
          }
        : {}),
    },
  };
}
