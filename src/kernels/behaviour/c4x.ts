import { readIn, recalled } from '../cite.js';
import { ASYNC_SETTERS, KVM_USER_RETURN_REGISTER, STICKY_3X, TRACER_RESUMES, URN_MOVES } from './asm3x.js';
import { ENTRY_4_4, TRACER_SKIPS_SYSCALL } from './entry.js';
import type { Behaviour, NotifyStep } from './types.js';

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

/** The 4.4 era: whole syscalls with the C exit; the other exits come with the later-eras issue. */
export const BEHAVIOUR_4_4: Behaviour = {
  exitModel: 'c-4x',
  paths: ['syscall'],
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
  ],
  forceIretAfterPtraceStop: true,
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
    uprobeClear: recalled(
      'uprobe_notify_resume clears TIF_UPROBE itself (kernel/events/uprobes.c since 3.14)',
    ),
  },
};
