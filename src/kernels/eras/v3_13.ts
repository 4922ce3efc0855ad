import { BEHAVIOUR_3X } from '../behaviour/asm3x.js';
import { readIn } from '../cite.js';
import type { BaseSpec } from '../spec.js';
import { ASM_MASKS_3X, V3_6_BITS } from './v3_6.js';

/**
 * v3.13: the kernel of the January 2014 analysis (seed 003). TIF_IRET (bit 5) and TIF_DEBUG (bit 21)
 * are gone, TIF_NOHZ (bit 19) has arrived and joined the entry, exit and ALLWORK masks. DO_NOTIFY
 * still lacks UPROBE.
 */
const { IRET: _iret, DEBUG: _debug, ...kept } = V3_6_BITS;
export const V3_13_BITS = { ...kept, NOHZ: 19 } as const;

const HEADER =
  'v3.13 arch/x86/include/asm/thread_info.h, torvalds/linux at c2daa3bed53a (kernel-facts.md §1.1-1.2)';

export const ASM_MASKS_3_13 = {
  ...ASM_MASKS_3X,
  _TIF_WORK_SYSCALL_ENTRY: {
    ...ASM_MASKS_3X._TIF_WORK_SYSCALL_ENTRY,
    expr: `${ASM_MASKS_3X._TIF_WORK_SYSCALL_ENTRY.expr} | _TIF_NOHZ`,
    cite: readIn(HEADER),
  },
  _TIF_WORK_SYSCALL_EXIT: {
    ...ASM_MASKS_3X._TIF_WORK_SYSCALL_EXIT,
    expr: `${ASM_MASKS_3X._TIF_WORK_SYSCALL_EXIT.expr} | _TIF_NOHZ`,
    cite: readIn(HEADER),
  },
  _TIF_WORK_MASK: { ...ASM_MASKS_3X._TIF_WORK_MASK, cite: readIn(HEADER) },
  _TIF_ALLWORK_MASK: {
    ...ASM_MASKS_3X._TIF_ALLWORK_MASK,
    expr: '(0x0000FFFF & ~_TIF_SECCOMP) | _TIF_SYSCALL_TRACEPOINT | _TIF_NOHZ',
    cite: readIn(HEADER),
  },
  _TIF_DO_NOTIFY_MASK: { ...ASM_MASKS_3X._TIF_DO_NOTIFY_MASK, cite: readIn(HEADER) },
} as const;

export const v3_13: BaseSpec = {
  kind: 'base',
  id: 'v3.13',
  title: 'the kernel of the 2014 analysis: asm exits, auditsys fast path, single-phase syscall_trace_enter',
  flags: { bits: V3_13_BITS, cite: readIn(HEADER) },
  masks: ASM_MASKS_3_13,
  behaviour: BEHAVIOUR_3X,
};
