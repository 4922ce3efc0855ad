import { c4xBehaviour } from '../behaviour/c4x.js';
import { entry4xTwoPhase } from '../behaviour/entry.js';
import { readAt } from '../cite.js';
import type { BaseSpec } from '../spec.js';
import type { TreeId } from '../trees.js';
import { c4xMasks, LOOP_FLAGS_4_4, V4_BITS } from './c4xMasks.js';

/**
 * 4.4 and 4.5 (read in 4.4.1 and in 4.5; thread_info.h and common.c are byte for byte the same,
 * entry_64.S differs only in how it calls enter_from_user_mode): exit_to_usermode_loop with a named
 * loop mask that includes USER_RETURN_NOTIFY, syscall_return_slowpath's one-time exit work, the
 * two-phase entry with tracesys rejoining the fast path, the SYSRET tests at
 * int_ret_from_sys_call, and the compat fast entry in C.
 */
export function c4xTwoPhaseSpec(id: 'v4.4' | 'v4.5', tree: TreeId, title: string): BaseSpec {
  return {
    kind: 'base',
    id,
    title,
    flags: {
      bits: V4_BITS,
      cite: readAt(tree, 'arch/x86/include/asm/thread_info.h', 'the TIF_* bit numbers'),
    },
    masks: c4xMasks(tree, {
      singlestepInEntry: true,
      inline: false,
      loop: LOOP_FLAGS_4_4,
      entryTest: 'entry',
    }),
    behaviour: c4xBehaviour({
      tree,
      compatInC: true,
      loop: 'exit_to_usermode_loop',
      sysretAt: 'int_ret_from_sys_call',
      entry: entry4xTwoPhase(tree),
    }),
  };
}

export const v4_4: BaseSpec = c4xTwoPhaseSpec(
  'v4.4',
  'linux-4.4.1',
  'C exit loop with EXIT_TO_USERMODE_LOOP_FLAGS, syscall_return_slowpath, SYSRET checks on the syscall path, compat SYSRETL',
);
