import { BEHAVIOUR_7_1 } from '../behaviour/modern.js';
import { readAt } from '../cite.js';
import type { BaseSpec } from '../spec.js';
import { ENTER_7_0, EXIT_WORK_6_19, modernMasks } from './modernMasks.js';
import { GENERIC_TIF_BITS } from './v6_18.js';
import { SYSCALL_WORK_BITS_7_0, X86_BITS_7_0 } from './v7_0.js';

/**
 * v7.1 (rikudousennin22/linux-7.1.3, 7.1.3: no 7.1.0 tree could be read; the files are the same
 * blobs in 7.1.5): the deferred hrtimer rearm. TIF_HRTIMER_REARM (12) is in the interrupt side's
 * exit mask only; before the loop, when it is the only one of itself and the reschedule bits,
 * the exit rearms the timer and takes `TIF_HRTIMER_REARM` -- the bit number -- out of its copy of
 * the flags. The syscall masks lose their ARCH_ terms.
 */
export const v7_1: BaseSpec = {
  kind: 'base',
  id: 'v7.1',
  title: 'deferred hrtimer rearm: per-path exit masks, TIF_HRTIMER_REARM',
  flags: {
    bits: { ...GENERIC_TIF_BITS, RSEQ: 11, HRTIMER_REARM: 12, ...X86_BITS_7_0 },
    cite: readAt(
      'linux-7.1.3',
      'include/asm-generic/thread_info_tif.h',
      'bits 0-12 (HRTIMER_REARM 12), with arch/x86/include/asm/thread_info.h numbering x86 own from 16',
    ),
  },
  syscallWork: {
    bits: SYSCALL_WORK_BITS_7_0,
    cite: readAt('linux-7.1.3', 'include/linux/thread_info.h', 'enum syscall_work_bit, SYSCALL_RSEQ_SLICE 7'),
  },
  masks: modernMasks('linux-7.1.3', {
    exitWork: EXIT_WORK_6_19,
    enter: ENTER_7_0,
    archSyscallWork: false,
    loopWithoutRseq: true,
    sliceExtension: true,
    hrtimerRearm: true,
  }),
  behaviour: BEHAVIOUR_7_1,
};
