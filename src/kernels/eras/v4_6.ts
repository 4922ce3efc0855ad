import { c4xBehaviour } from '../behaviour/c4x.js';
import { entry46 } from '../behaviour/entry.js';
import { readAt } from '../cite.js';
import type { BaseSpec } from '../spec.js';
import { c4xMasks, LOOP_FLAGS_4_4, V4_BITS } from './c4xMasks.js';

/**
 * 4.6 (read in 4.6.2): the ptregs series as released. The entry tests _TIF_WORK_SYSCALL_ENTRY |
 * _TIF_ALLWORK_MASK with IRQs off and takes the C do_syscall_64 slow path; its syscall_trace_enter
 * is still two-phase but phase 1 no longer does the NOHZ work and phase 2 no longer sets TF;
 * stub_ptregs_64 sends fast-path calls of the /ptregs syscalls (iopl now among them) to the slow
 * path; SINGLESTEP has left the entry mask (it is still in ALLWORK). The exit is 4.4's.
 */
export const v4_6: BaseSpec = {
  kind: 'base',
  id: 'v4.6',
  title: 'stub_ptregs_64 and the C slow path do_syscall_64 (two-phase syscall_trace_enter)',
  flags: {
    bits: V4_BITS,
    cite: readAt('linux-4.6.2', 'arch/x86/include/asm/thread_info.h', 'the TIF_* bit numbers'),
  },
  masks: c4xMasks('linux-4.6.2', {
    singlestepInEntry: false,
    inline: false,
    loop: LOOP_FLAGS_4_4,
    entryTest: 'entry-or-allwork',
  }),
  behaviour: c4xBehaviour({
    tree: 'linux-4.6.2',
    compatInC: true,
    loop: 'exit_to_usermode_loop',
    sysretAt: 'return_from_SYSCALL_64',
    entry: entry46('linux-4.6.2'),
  }),
};
