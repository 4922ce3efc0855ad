import { MASKS_ONLY } from '../behaviour/notModelled.js';
import { readIn } from '../cite.js';
import type { BaseSpec } from '../spec.js';
import { C_ENTRY_MASKS_4X, V4_BITS } from './v4_3_rc1.js';
import { v4_4 } from './v4_4.js';

/**
 * ~v4.8: single-phase syscall_trace_enter again, seccomp after ptrace; SINGLESTEP left the entry
 * mask (~4.6) and TIF_FORK is gone. Exit masks as in 4.4.
 */
const { FORK: _fork, ...kept } = V4_BITS;
const HEADER =
  'v4.8 arch/x86/include/asm/thread_info.h, torvalds/linux ~v4.7/4.8 (kernel-facts.md §1.1-1.2; read for this project)';

export const v4_8: BaseSpec = {
  kind: 'base',
  id: 'v4.8',
  title: 'single-phase entry again, seccomp after ptrace, SINGLESTEP out of the entry mask',
  flags: { bits: kept, cite: readIn(HEADER) },
  masks: {
    ...v4_4.masks,
    _TIF_WORK_SYSCALL_ENTRY: {
      ...C_ENTRY_MASKS_4X._TIF_WORK_SYSCALL_ENTRY,
      expr: '_TIF_SYSCALL_TRACE | _TIF_SYSCALL_EMU | _TIF_SYSCALL_AUDIT | _TIF_SECCOMP | _TIF_SYSCALL_TRACEPOINT | _TIF_NOHZ',
      cite: readIn(HEADER),
    },
  },
  behaviour: MASKS_ONLY,
};
