import { BEHAVIOUR_6_19 } from '../behaviour/modern.js';
import { readAt } from '../cite.js';
import type { BaseSpec } from '../spec.js';
import { ENTER_6_17, EXIT_WORK_6_19, modernMasks } from './modernMasks.js';
import { SYSCALL_WORK_BITS } from './v5_11.js';
import { GENERIC_TIF_BITS, X86_BITS_6_18 } from './v6_18.js';

/**
 * v6.19 (matankalina/linux-6.19.10-fork, 6.19.0): the rseq rework. TIF_RSEQ (11) is exit work,
 * but the inner loop tests EXIT_TO_USER_MODE_WORK without it; the rseq exit step after the inner
 * loop clears it, or asks for another round through NOTIFY_RESUME.
 */
export const v6_19: BaseSpec = {
  kind: 'base',
  id: 'v6.19',
  title: 'rseq rework: TIF_RSEQ and the outer exit loop',
  flags: {
    bits: { ...GENERIC_TIF_BITS, RSEQ: 11, ...X86_BITS_6_18 },
    cite: readAt(
      'linux-6.19',
      'include/asm-generic/thread_info_tif.h',
      'bits 0-11 (RSEQ 11), with arch/x86/include/asm/thread_info.h numbering x86 own from 16',
    ),
  },
  syscallWork: {
    bits: SYSCALL_WORK_BITS,
    cite: readAt('linux-6.19', 'include/linux/thread_info.h', 'enum syscall_work_bit'),
  },
  masks: modernMasks('linux-6.19', {
    exitWork: EXIT_WORK_6_19,
    enter: ENTER_6_17,
    archSyscallWork: true,
    loopWithoutRseq: true,
  }),
  behaviour: BEHAVIOUR_6_19,
};
