import { c4xBehaviour } from '../behaviour/c4x.js';
import { entry4xTwoPhase } from '../behaviour/entry.js';
import { readAt } from '../cite.js';
import type { BaseSpec } from '../spec.js';
import { c4xMasks, LOOP_FLAGS_4_4, V4_BITS } from './c4xMasks.js';

/**
 * v4.3 (YoungjaeLee/linux-4.3-cxlbdev, whose entry code and header are 4.3.3's byte for byte): the
 * first released C exit. The asm masks WORK, DO_NOTIFY and WORK_SYSCALL_EXIT are gone;
 * prepare_exit_to_usermode loops, inline, while SIGPENDING, NOTIFY_RESUME, UPROBE, NEED_RESCHED or
 * USER_RETURN_NOTIFY is set. The native syscall's asm (two-phase tracesys, the fast path, the
 * SYSRET tests) is 4.4's; the compat entry is still asm and is not modelled.
 */
export const v4_3: BaseSpec = {
  kind: 'base',
  id: 'v4.3',
  title: 'first released C exit loop (prepare_exit_to_usermode), two-phase entry, no C compat entry',
  flags: {
    bits: V4_BITS,
    cite: readAt('linux-4.3', 'arch/x86/include/asm/thread_info.h', 'the TIF_* bit numbers'),
  },
  masks: c4xMasks('linux-4.3', {
    singlestepInEntry: true,
    inline: true,
    loop: LOOP_FLAGS_4_4,
    entryTest: 'entry',
  }),
  behaviour: c4xBehaviour({
    tree: 'linux-4.3',
    compatInC: false,
    loop: 'inline',
    sysretAt: 'int_ret_from_sys_call',
    entry: entry4xTwoPhase('linux-4.3'),
  }),
};
