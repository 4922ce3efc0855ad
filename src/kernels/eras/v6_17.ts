import { BEHAVIOUR_6_17 } from '../behaviour/modern.js';
import { readAt } from '../cite.js';
import type { BaseSpec } from '../spec.js';
import { ENTER_6_17, EXIT_WORK_6_17, modernMasks } from './modernMasks.js';
import { SYSCALL_WORK_BITS } from './v5_11.js';
import { V6_14_BITS } from './v6_14.js';

/**
 * v6.17 (busysteve/linux-6.17.0-rust-ported-c, 6.17.0): 6.14's bits and exit loop; the generic
 * entry split moves EXIT_TO_USER_MODE_WORK and the exit helpers to irq-entry-common.h, and the
 * syscall work to kernel/entry/syscall-common.c.
 */
export const v6_17: BaseSpec = {
  kind: 'base',
  id: 'v6.17',
  title: 'generic entry split: the exit masks in irq-entry-common.h',
  flags: {
    bits: V6_14_BITS,
    cite: readAt('linux-6.17', 'arch/x86/include/asm/thread_info.h', 'the TIF_* bit numbers, x86 own'),
  },
  syscallWork: {
    bits: SYSCALL_WORK_BITS,
    cite: readAt('linux-6.17', 'include/linux/thread_info.h', 'enum syscall_work_bit'),
  },
  masks: modernMasks('linux-6.17', { exitWork: EXIT_WORK_6_17, enter: ENTER_6_17, archSyscallWork: true }),
  behaviour: BEHAVIOUR_6_17,
};
