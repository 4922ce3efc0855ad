import { c4xBehaviour } from '../behaviour/c4x.js';
import { entry48 } from '../behaviour/entry.js';
import { readAt } from '../cite.js';
import type { BaseSpec } from '../spec.js';
import { c4xMasks, LOOP_FLAGS_4_4, V4_BITS } from './c4xMasks.js';

/**
 * 4.8 (read in 4.8.15): 4.6's entry and exit with the single-phase syscall_trace_enter again, the
 * ptrace report before seccomp. TIF_FORK is still bit 18.
 */
export const v4_8: BaseSpec = {
  kind: 'base',
  id: 'v4.8',
  title: 'single-phase entry again, seccomp after ptrace, SINGLESTEP out of the entry mask',
  flags: {
    bits: V4_BITS,
    cite: readAt('linux-4.8.15', 'arch/x86/include/asm/thread_info.h', 'the TIF_* bit numbers'),
  },
  masks: c4xMasks('linux-4.8.15', {
    singlestepInEntry: false,
    inline: false,
    loop: LOOP_FLAGS_4_4,
    entryTest: 'entry-or-allwork',
  }),
  behaviour: c4xBehaviour({
    tree: 'linux-4.8.15',
    compatInC: true,
    loop: 'exit_to_usermode_loop',
    sysretAt: 'return_from_SYSCALL_64',
    entry: entry48('linux-4.8.15'),
  }),
};
