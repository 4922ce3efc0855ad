import { BEHAVIOUR_4_4 } from '../behaviour/c4x.js';
import { readIn } from '../cite.js';
import type { BaseSpec } from '../spec.js';
import { C_ENTRY_MASKS_4X, V4_BITS } from './v4_3_rc1.js';

/**
 * v4.4: exit_to_usermode_loop with a named loop mask that includes USER_RETURN_NOTIFY, and
 * syscall_return_slowpath's one-time exit work. Entry is still two-phase. The model covers whole
 * syscalls; the interrupt and exception exits of this era are not modelled yet.
 */
export const v4_4: BaseSpec = {
  kind: 'base',
  id: 'v4.4',
  title:
    'C exit loop with EXIT_TO_USERMODE_LOOP_FLAGS, syscall_return_slowpath, SYSRET checks on the syscall path, compat SYSRETL',
  flags: {
    bits: V4_BITS,
    cite: readIn(
      'v4.4 arch/x86/include/asm/thread_info.h (kernel-facts.md §1.1, without the vendor backports)',
    ),
  },
  masks: {
    ...C_ENTRY_MASKS_4X,
    EXIT_TO_USERMODE_LOOP_FLAGS: {
      expr: '_TIF_SIGPENDING | _TIF_NOTIFY_RESUME | _TIF_UPROBE | _TIF_NEED_RESCHED | _TIF_USER_RETURN_NOTIFY',
      testedBy: 'exit_to_usermode_loop: loops (IRQs re-enabled each lap) while a bit is set',
      outsideHeader: true,
      cite: readIn(
        'v4.4/v4.5 arch/x86/entry/common.c (kernel-facts.md §1.2; a 4.4-era common.c read for this project)',
      ),
    },
  },
  behaviour: BEHAVIOUR_4_4,
};
