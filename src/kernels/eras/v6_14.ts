import { BEHAVIOUR_6_14 } from '../behaviour/generic.js';
import { readAt } from '../cite.js';
import type { BaseSpec } from '../spec.js';
import { genericMasks, SYSCALL_WORK_BITS } from './v5_11.js';

/**
 * v6.14 (perishh/linux-6.14, 6.14.0): generic entry with NEED_RESCHED_LAZY at bit 4 (SINGLESTEP moves to 5, SSBD to 6), the L1D
 * flush bit at 10 and SPEC_FORCE_UPDATE at 23. The exit loop also runs on a lazy reschedule request.
 */
export const V6_14_BITS = {
  NOTIFY_RESUME: 1,
  SIGPENDING: 2,
  NEED_RESCHED: 3,
  NEED_RESCHED_LAZY: 4,
  SINGLESTEP: 5,
  SSBD: 6,
  SPEC_IB: 9,
  SPEC_L1D_FLUSH: 10,
  USER_RETURN_NOTIFY: 11,
  UPROBE: 12,
  PATCH_PENDING: 13,
  NEED_FPU_LOAD: 14,
  NOCPUID: 15,
  NOTSC: 16,
  NOTIFY_SIGNAL: 17,
  MEMDIE: 20,
  POLLING_NRFLAG: 21,
  IO_BITMAP: 22,
  SPEC_FORCE_UPDATE: 23,
  FORCED_TF: 24,
  BLOCKSTEP: 25,
  LAZY_MMU_UPDATES: 27,
  ADDR32: 29,
} as const;

export const v6_14: BaseSpec = {
  kind: 'base',
  id: 'v6.14',
  title: 'generic entry with NEED_RESCHED_LAZY',
  flags: {
    bits: V6_14_BITS,
    cite: readAt('linux-6.14', 'arch/x86/include/asm/thread_info.h', 'the TIF_* bit numbers'),
  },
  syscallWork: {
    bits: SYSCALL_WORK_BITS,
    cite: readAt('linux-6.14', 'include/linux/thread_info.h', 'enum syscall_work_bit'),
  },
  masks: genericMasks(
    'linux-6.14',
    '_TIF_SIGPENDING | _TIF_NOTIFY_RESUME | _TIF_UPROBE | _TIF_NEED_RESCHED | _TIF_NEED_RESCHED_LAZY | _TIF_PATCH_PENDING | _TIF_NOTIFY_SIGNAL',
  ),
  behaviour: BEHAVIOUR_6_14,
};
