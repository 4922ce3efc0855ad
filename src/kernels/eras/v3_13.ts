import { asm3xBehaviour } from '../behaviour/asm3x.js';
import { entry3xSingle } from '../behaviour/entry.js';
import { readAt } from '../cite.js';
import type { BaseSpec } from '../spec.js';
import type { TreeId } from '../trees.js';
import { asmMasks } from './asmMasks.js';
import { V3_6_BITS } from './v3_6.js';

/**
 * v3.13 (lookfiresu123/my_linux-3.13.0, the release): the kernel of the January 2014 analysis
 * (seed 003). TIF_IRET (bit 5) and TIF_DEBUG (bit 21) are gone, TIF_NOHZ (bit 19) has arrived and
 * joined the entry, exit and ALLWORK masks. DO_NOTIFY still lacks UPROBE; uprobe_deny_signal sets
 * NOTIFY_RESUME with UPROBE; uprobe_notify_resume now clears TIF_UPROBE itself; nothing forces IRET
 * after a ptrace stop.
 */
const { IRET: _iret, DEBUG: _debug, ...kept } = V3_6_BITS;
export const V3_13_BITS = { ...kept, NOHZ: 19 } as const;

/** v3.13's model, as read in `tree` (3.14.1's entry code, header and handlers are 3.13's). */
export function v3_13Spec(tree: TreeId): Omit<BaseSpec, 'id' | 'title'> {
  return {
    kind: 'base',
    flags: {
      bits: V3_13_BITS,
      cite: readAt(tree, 'arch/x86/include/asm/thread_info.h', 'the TIF_* bit numbers'),
    },
    masks: asmMasks(tree, { nohz: true, uprobeInDoNotify: false, mce: true }),
    behaviour: asm3xBehaviour({
      tree,
      uprobeClear: 'callee',
      denySignalSets: ['UPROBE', 'NOTIFY_RESUME'],
      mce: true,
      ptraceStopHook: false,
      paranoidFromUser: 'paranoid_userspace',
      opportunisticSysret: 'none',
      syscallFastExit: 'sysret-careful',
      entry: entry3xSingle(tree),
    }),
  };
}

export const v3_13: BaseSpec = {
  ...v3_13Spec('linux-3.13'),
  kind: 'base',
  id: 'v3.13',
  title: 'the kernel of the 2014 analysis: asm exits, auditsys fast path, single-phase syscall_trace_enter',
};
