import { BEHAVIOUR_4_4 } from '../behaviour/c4x.js';
import { ENTRY_4_8 } from '../behaviour/entry.js';
import { readIn } from '../cite.js';
import type { BaseSpec } from '../spec.js';
import { C_ENTRY_MASKS_4X, V4_BITS } from './v4_3_rc1.js';
import { v4_4 } from './v4_4.js';

/**
 * ~v4.8: single-phase syscall_trace_enter again, seccomp after ptrace; SINGLESTEP left the entry
 * mask (~4.6) and TIF_FORK is gone. Exit masks as in 4.4. The syscall enters the slow path, now
 * the C do_syscall_64, when its flags have a bit of the entry mask or of _TIF_ALLWORK_MASK; the
 * exit (syscall_return_slowpath, the loop, the SYSRET tests) and the interrupt and exception
 * returns are 4.4's.
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
  behaviour: {
    ...BEHAVIOUR_4_4,
    syscallEntry: ENTRY_4_8,
    cites: {
      ...BEHAVIOUR_4_4.cites,
      exitLoop: readIn(
        '~4.8 arch/x86/entry/common.c exit_to_usermode_loop and syscall_return_slowpath, as 4.4 (read for this project in the 4.4.y-4.9 form)',
      ),
    },
  },
};
