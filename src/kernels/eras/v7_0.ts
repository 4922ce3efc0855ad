import { BEHAVIOUR_7_0 } from '../behaviour/modern.js';
import { readAt } from '../cite.js';
import type { BaseSpec } from '../spec.js';
import { ENTER_7_0, EXIT_WORK_6_19, modernMasks } from './modernMasks.js';
import { SYSCALL_WORK_BITS } from './v5_11.js';
import { GENERIC_TIF_BITS, X86_BITS_6_18 } from './v6_18.js';

/** x86's own bits in 7.0 and 7.1: LAZY_MMU_UPDATES is gone, ADDR32 moves down to 27. */
const { LAZY_MMU_UPDATES: _gone, ADDR32: _moved, ...X86_KEPT } = X86_BITS_6_18;
export const X86_BITS_7_0 = { ...X86_KEPT, ADDR32: 27 } as const;

/** The syscall_work bits from 7.0: SYSCALL_RSEQ_SLICE (7), set when a slice extension's timer starts. */
export const SYSCALL_WORK_BITS_7_0 = { ...SYSCALL_WORK_BITS, SYSCALL_RSEQ_SLICE: 7 } as const;

/**
 * v7.0 (julianw1010/WASP-linux-7.0.0, 7.0.0): the rseq time-slice extension. A reschedule request
 * on the way back from an interrupt may be put off by a grant instead of schedule(); the exit
 * step arms its timer; the next syscall ends it (SYSCALL_RSEQ_SLICE in SYSCALL_WORK_ENTER).
 */
export const v7_0: BaseSpec = {
  kind: 'base',
  id: 'v7.0',
  title: 'rseq time-slice extension: the grant in place of schedule()',
  flags: {
    bits: { ...GENERIC_TIF_BITS, RSEQ: 11, ...X86_BITS_7_0 },
    cite: readAt(
      'linux-7.0',
      'include/asm-generic/thread_info_tif.h',
      'bits 0-11, with arch/x86/include/asm/thread_info.h numbering x86 own from 16 (no LAZY_MMU_UPDATES, ADDR32 27)',
    ),
  },
  syscallWork: {
    bits: SYSCALL_WORK_BITS_7_0,
    cite: readAt('linux-7.0', 'include/linux/thread_info.h', 'enum syscall_work_bit, SYSCALL_RSEQ_SLICE 7'),
  },
  masks: modernMasks('linux-7.0', {
    exitWork: EXIT_WORK_6_19,
    enter: ENTER_7_0,
    archSyscallWork: true,
    loopWithoutRseq: true,
    sliceExtension: true,
  }),
  behaviour: BEHAVIOUR_7_0,
};
