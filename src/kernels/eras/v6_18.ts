import { BEHAVIOUR_6_18 } from '../behaviour/modern.js';
import { readAt } from '../cite.js';
import type { BaseSpec } from '../spec.js';
import { ENTER_6_17, EXIT_WORK_6_17, modernMasks } from './modernMasks.js';
import { SYSCALL_WORK_BITS } from './v5_11.js';

/**
 * The generic TIF bits of 6.18 (include/asm-generic/thread_info_tif.h owns bits 0-15) as x86
 * gets them: it defines HAVE_TIF_NEED_RESCHED_LAZY and HAVE_TIF_POLLING_NRFLAG (and
 * HAVE_TIF_SINGLESTEP, which nothing reads), not HAVE_TIF_RESTORE_SIGMASK, so bit 10 is free.
 */
export const GENERIC_TIF_BITS = {
  NOTIFY_RESUME: 0,
  SIGPENDING: 1,
  NOTIFY_SIGNAL: 2,
  MEMDIE: 3,
  NEED_RESCHED: 4,
  NEED_RESCHED_LAZY: 5,
  POLLING_NRFLAG: 6,
  USER_RETURN_NOTIFY: 7,
  UPROBE: 8,
  PATCH_PENDING: 9,
} as const;

/** x86's own bits from 16, as 6.18 and 6.19 number them. */
export const X86_BITS_6_18 = {
  SSBD: 16,
  SPEC_IB: 17,
  SPEC_L1D_FLUSH: 18,
  NEED_FPU_LOAD: 19,
  NOCPUID: 20,
  NOTSC: 21,
  IO_BITMAP: 22,
  SPEC_FORCE_UPDATE: 23,
  FORCED_TF: 24,
  SINGLESTEP: 25,
  BLOCKSTEP: 26,
  LAZY_MMU_UPDATES: 27,
  ADDR32: 28,
} as const;

/** v6.18 (leftymods/linux-6.18.y, 6.18.0): 6.17's exit over the generic TIF numbering. */
export const v6_18: BaseSpec = {
  kind: 'base',
  id: 'v6.18',
  title: 'generic TIF bits: the common flags at 0-9, x86 own from 16',
  flags: {
    bits: { ...GENERIC_TIF_BITS, ...X86_BITS_6_18 },
    cite: readAt(
      'linux-6.18',
      'include/asm-generic/thread_info_tif.h',
      'bits 0-9 (with the HAVE_TIF_* x86 defines in arch/x86/include/asm/thread_info.h, which numbers its own from 16)',
    ),
  },
  syscallWork: {
    bits: SYSCALL_WORK_BITS,
    cite: readAt('linux-6.18', 'include/linux/thread_info.h', 'enum syscall_work_bit'),
  },
  masks: modernMasks('linux-6.18', { exitWork: EXIT_WORK_6_17, enter: ENTER_6_17, archSyscallWork: true }),
  behaviour: BEHAVIOUR_6_18,
};
