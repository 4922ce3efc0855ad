import { BEHAVIOUR_5_11 } from '../behaviour/generic.js';
import { inferred, readIn } from '../cite.js';
import type { BaseSpec, MaskSpec } from '../spec.js';

/**
 * v5.11: generic entry. Syscall work moved to `ti->syscall_work` with bits of its own; x86 gave up
 * its TIF_SYSCALL_* bits, TIF_IA32 and TIF_X32 in the same release, and wired TIF_NOTIFY_SIGNAL to
 * bit 17. exit_to_user_mode_loop loops on EXIT_TO_USER_MODE_WORK; x86 adds no arch work bits, and
 * its user-return notifiers run once after the loop with IRQs off.
 */
export const V5_11_BITS = {
  NOTIFY_RESUME: 1,
  SIGPENDING: 2,
  NEED_RESCHED: 3,
  SINGLESTEP: 4,
  SSBD: 5,
  SPEC_IB: 9,
  SPEC_FORCE_UPDATE: 10,
  USER_RETURN_NOTIFY: 11,
  UPROBE: 12,
  PATCH_PENDING: 13,
  NEED_FPU_LOAD: 14,
  NOCPUID: 15,
  NOTSC: 16,
  NOTIFY_SIGNAL: 17,
  SLD: 18,
  MEMDIE: 20,
  POLLING_NRFLAG: 21,
  IO_BITMAP: 22,
  FORCED_TF: 24,
  BLOCKSTEP: 25,
  LAZY_MMU_UPDATES: 27,
  ADDR32: 29,
} as const;

export const SYSCALL_WORK_BITS = {
  SECCOMP: 0,
  SYSCALL_TRACEPOINT: 1,
  SYSCALL_TRACE: 2,
  SYSCALL_EMU: 3,
  SYSCALL_AUDIT: 4,
  SYSCALL_USER_DISPATCH: 5,
  SYSCALL_EXIT_TRAP: 6,
} as const;

const LINUX_TI =
  'include/linux/thread_info.h enum syscall_work_bit (kernel-facts.md §1.2; read for this project)';
const ENTRY_COMMON = 'include/linux/entry-common.h (kernel-facts.md §1.2)';

export const SYSCALL_WORK_MASKS: Readonly<Record<string, MaskSpec>> = {
  SYSCALL_WORK_ENTER: {
    word: 'syscall_work',
    expr: 'SYSCALL_WORK_SECCOMP | SYSCALL_WORK_SYSCALL_TRACEPOINT | SYSCALL_WORK_SYSCALL_TRACE | SYSCALL_WORK_SYSCALL_EMU | SYSCALL_WORK_SYSCALL_AUDIT | SYSCALL_WORK_SYSCALL_USER_DISPATCH',
    testedBy: 'syscall_enter_from_user_mode_work: any bit set runs syscall_trace_enter',
    outsideHeader: true,
    cite: readIn(ENTRY_COMMON),
  },
  SYSCALL_WORK_EXIT: {
    word: 'syscall_work',
    expr: 'SYSCALL_WORK_SYSCALL_TRACEPOINT | SYSCALL_WORK_SYSCALL_TRACE | SYSCALL_WORK_SYSCALL_AUDIT | SYSCALL_WORK_SYSCALL_USER_DISPATCH | SYSCALL_WORK_SYSCALL_EXIT_TRAP',
    testedBy: 'syscall_exit_work: one pass, before the exit loop',
    outsideHeader: true,
    cite: readIn(ENTRY_COMMON),
  },
};

export const v5_11: BaseSpec = {
  kind: 'base',
  id: 'v5.11',
  title: 'generic entry: exit_to_user_mode_loop, the syscall_work word, NOTIFY_SIGNAL, PATCH_PENDING',
  flags: {
    bits: V5_11_BITS,
    cite: inferred(
      'v5.10 x86 thread_info.h read for this project, less the bits reclaimed for 5.11 (lore 20201116174206.2639648-11, TIF_IA32/X32 removal) and with NOTIFY_SIGNAL at 17 (c8d5ed67936f); SPEC_FORCE_UPDATE stays at 10 until 5.15',
    ),
  },
  syscallWork: { bits: SYSCALL_WORK_BITS, cite: readIn(LINUX_TI) },
  masks: {
    EXIT_TO_USER_MODE_WORK: {
      expr: '_TIF_SIGPENDING | _TIF_NOTIFY_RESUME | _TIF_UPROBE | _TIF_NEED_RESCHED | _TIF_PATCH_PENDING | _TIF_NOTIFY_SIGNAL',
      testedBy: 'exit_to_user_mode_prepare and exit_to_user_mode_loop: loops while a bit is set',
      outsideHeader: true,
      cite: readIn(`${ENTRY_COMMON}; the 5.11 form with NOTIFY_SIGNAL`),
    },
    ...SYSCALL_WORK_MASKS,
  },
  behaviour: BEHAVIOUR_5_11,
};
