import { readIn, recalled } from '../cite.js';
import { ASYNC_SETTERS, KVM_USER_RETURN_REGISTER, STICKY_3X, TRACER_RESUMES, URN_MOVES } from './asm3x.js';
import { ENTRY_4_4, TRACER_SKIPS_SYSCALL } from './entry.js';
import type { Behaviour, NotifyStep, Setter } from './types.js';

const COMMON_4_4 = 'v4.4 arch/x86/entry/common.c exit_to_usermode_loop (read for this project)';

/**
 * exit_to_usermode_loop of 4.4, after its schedule(): the callees of the flags it read. UPROBE is
 * cleared by uprobe_notify_resume itself since 3.14.
 */
export const EXIT_LOOP_4_4: readonly NotifyStep[] = [
  { flag: 'UPROBE', callee: 'uprobe_notify_resume', clearing: 'callee', changesRegs: true },
  { flag: 'SIGPENDING', callee: 'do_signal', clearing: 'recalc', opens: 'do_signal', changesRegs: true },
  { flag: 'NOTIFY_RESUME', callee: 'tracehook_notify_resume', clearing: 'caller' },
  { flag: 'USER_RETURN_NOTIFY', callee: 'fire_user_return_notifiers', clearing: 'unregister' },
];

/**
 * int3/#DB from user mode: the uprobe notifiers flag the task before its exception exit (from
 * 5.8 do_int3/do_debug are exc_int3/exc_debug; the notifiers are the same).
 */
export const UPROBE_NOTIFIER_4X: Setter = {
  id: 'uprobe_sstep_notifier',
  what: 'the int3/#DB uprobe notifier flags the task',
  sets: ['UPROBE'],
  // From 3.19 a paranoid exception from user mode leaves through error_exit (kernel-facts.md §3).
  pendingAt: ['exception-exit'],
  cite: readIn(
    'uprobe_pre_sstep_notifier/uprobe_post_sstep_notifier, from do_int3/do_debug (kernel-facts.md §3-4)',
  ),
};

/** uprobe_deny_signal without the 3.x NOTIFY_RESUME workaround (gone since 3.14, 82975bc6a6df). */
export const UPROBE_DENY_SIGNAL_4X: Setter = {
  id: 'uprobe_deny_signal',
  what: 'uprobe_deny_signal holds signals back during a uprobe single-step',
  sets: ['UPROBE'],
  clears: ['SIGPENDING'],
  during: 'do_signal',
  onPaths: ['interrupt-exit', 'exception-exit'],
  cite: recalled(
    'kernel/events/uprobes.c uprobe_deny_signal after 82975bc6a6df: UPROBE only (kernel-facts.md §4)',
  ),
};

/**
 * The 4.4 era: whole syscalls with the C exit, 64-bit and compat (the vDSO's fast 32-bit entry,
 * rewritten in C for 4.4 by seed 001's series), and the interrupt and exception returns through
 * retint_user and the same C loop.
 */
export const BEHAVIOUR_4_4: Behaviour = {
  exitModel: 'c-4x',
  paths: ['syscall', 'compat-syscall', 'interrupt-exit', 'exception-exit'],
  doNotifyResume: EXIT_LOOP_4_4,
  sticky: STICKY_3X,
  returnWork: ['NEED_RESCHED', 'SIGPENDING', 'NOTIFY_RESUME', 'UPROBE', 'USER_RETURN_NOTIFY'],
  neverSet: [],
  setters: [
    ...ASYNC_SETTERS,
    ...TRACER_RESUMES,
    TRACER_SKIPS_SYSCALL,
    KVM_USER_RETURN_REGISTER,
    ...URN_MOVES,
    UPROBE_NOTIFIER_4X,
    UPROBE_DENY_SIGNAL_4X,
  ],
  forceIretAfterPtraceStop: true,
  opportunisticSysret: 'syscall-4.4',
  auditSyscall: true,
  syscallEntry: ENTRY_4_4,
  cites: {
    exitLoop: readIn(COMMON_4_4),
    slowExitWork: readIn(
      'v4.4 arch/x86/entry/common.c syscall_return_slowpath/syscall_slow_exit_work (read for this project)',
    ),
    forceIret: recalled(
      'arch_ptrace_stop_needed() still calls force_iret() in 4.4 (kernel-facts.md §6: removed years later)',
    ),
    opportunisticSysret: readIn(
      'v4.4/v4.5 entry_64.S int_ret_from_sys_call: RCX == RIP, canonical RCX, __USER_CS, R11 == RFLAGS, no RF or TF, __USER_DS (kernel-facts.md §6)',
    ),
    uprobeClear: recalled(
      'uprobe_notify_resume clears TIF_UPROBE itself (kernel/events/uprobes.c since 3.14)',
    ),
    compatReturn: readIn(
      '4.4-era arch/x86/entry/common.c do_fast_syscall_32 (SYSRETL when CS == __USER32_CS, SS == __USER_DS, IP == landing_pad, no RF or TF) and entry_64_compat.S sysret32_from_system_call (ECX from RIP, R11 from EFLAGS); kernel-facts.md §6',
    ),
  },
};
