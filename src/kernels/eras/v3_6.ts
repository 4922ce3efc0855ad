import { BEHAVIOUR_3X } from '../behaviour/asm3x.js';
import { inferred, readIn } from '../cite.js';
import type { BaseSpec } from '../spec.js';

/**
 * v3.6: the asm exits of entry_64.S. TIF_IRET still holds bit 5 (only 32-bit code sets it, and on
 * x86-64 nothing in the exit path clears it); UPROBE (new in 3.5) is in WORK and ALLWORK through the
 * 0x0000FFFF constant but not in DO_NOTIFY; there is no NOHZ yet.
 */
export const V3_6_BITS = {
  SYSCALL_TRACE: 0,
  NOTIFY_RESUME: 1,
  SIGPENDING: 2,
  NEED_RESCHED: 3,
  SINGLESTEP: 4,
  IRET: 5,
  SYSCALL_EMU: 6,
  SYSCALL_AUDIT: 7,
  SECCOMP: 8,
  MCE_NOTIFY: 10,
  USER_RETURN_NOTIFY: 11,
  UPROBE: 12,
  NOTSC: 16,
  IA32: 17,
  FORK: 18,
  MEMDIE: 20,
  DEBUG: 21,
  IO_BITMAP: 22,
  FORCED_TF: 24,
  BLOCKSTEP: 25,
  LAZY_MMU_UPDATES: 27,
  SYSCALL_TRACEPOINT: 28,
  ADDR32: 29,
  X32: 30,
} as const;

const HEADER = 'v3.6 arch/x86/include/asm/thread_info.h (kernel-facts.md §1.1-1.2)';

/** The five asm masks of 3.x, shared by every asm-era kernel; later eras override what changed. */
export const ASM_MASKS_3X = {
  _TIF_WORK_SYSCALL_ENTRY: {
    expr: '_TIF_SYSCALL_TRACE | _TIF_SYSCALL_EMU | _TIF_SYSCALL_AUDIT | _TIF_SECCOMP | _TIF_SINGLESTEP | _TIF_SYSCALL_TRACEPOINT',
    testedBy: 'system_call (once, IRQs on): any bit set sends the syscall to tracesys',
    cite: readIn(HEADER),
  },
  _TIF_WORK_SYSCALL_EXIT: {
    expr: '_TIF_SYSCALL_TRACE | _TIF_SYSCALL_AUDIT | _TIF_SINGLESTEP | _TIF_SYSCALL_TRACEPOINT',
    testedBy: 'int_check_syscall_exit_work: any bit set calls syscall_trace_leave',
    cite: readIn(HEADER),
  },
  _TIF_WORK_MASK: {
    expr: '0x0000FFFF & ~(_TIF_SYSCALL_TRACE | _TIF_SYSCALL_AUDIT | _TIF_SINGLESTEP | _TIF_SECCOMP | _TIF_SYSCALL_EMU)',
    testedBy:
      'retint_with_reschedule/retint_check, error_exit, paranoid_userspace; int_signal reloads %edi with it',
    cite: readIn(HEADER),
  },
  _TIF_ALLWORK_MASK: {
    expr: '(0x0000FFFF & ~_TIF_SECCOMP) | _TIF_SYSCALL_TRACEPOINT',
    testedBy: 'ret_from_sys_call/sysret_check and int_ret_from_sys_call/int_with_check',
    cite: readIn(HEADER),
  },
  _TIF_DO_NOTIFY_MASK: {
    expr: '_TIF_SIGPENDING | _TIF_MCE_NOTIFY | _TIF_NOTIFY_RESUME | _TIF_USER_RETURN_NOTIFY',
    testedBy: 'int_signal and retint_signal: do_notify_resume is called only if a bit is set',
    cite: readIn(HEADER),
  },
} as const;

export const v3_6: BaseSpec = {
  kind: 'base',
  id: 'v3.6',
  title: 'asm exits; TIF_IRET still bit 5; UPROBE not in DO_NOTIFY; no NOHZ',
  flags: { bits: V3_6_BITS, cite: readIn(HEADER) },
  masks: ASM_MASKS_3X,
  behaviour: {
    ...BEHAVIOUR_3X,
    // Only 32-bit code sets TIF_IRET (sys_execve under CONFIG_X86_32); on x86-64 it is a defined
    // flag that nothing sets, sitting inside WORK and ALLWORK.
    neverSet: ['IRET'],
    cites: {
      ...BEHAVIOUR_3X.cites,
      neverSet: inferred(
        'v3.x arch/x86/kernel/process.c: sys_execve sets TIF_IRET only under CONFIG_X86_32 (read for this project)',
      ),
    },
  },
};
