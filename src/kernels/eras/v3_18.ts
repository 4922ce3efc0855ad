import { asm3xBehaviour } from '../behaviour/asm3x.js';
import { entry3xTwoPhase } from '../behaviour/entry.js';
import { readAt } from '../cite.js';
import type { BaseSpec } from '../spec.js';
import { asmMasks } from './asmMasks.js';
import { V3_16_BITS } from './v3_16.js';

/**
 * v3.18, read in jockyw2001/linux-3.18 (the 3.18.30 stable release: no 3.18.0 tree could be read;
 * its stable backports touch nothing modelled here but ret_from_fork, which the model does not
 * follow): the asm exits, UPROBE in DO_NOTIFY (the UPROBE fix), uprobe_deny_signal sets UPROBE
 * alone, the CVE-2014-4699 hook, and the two-phase entry (phase 1 on the partial frame, seccomp in
 * phase 1, auditsys gone).
 */
export const v3_18: BaseSpec = {
  kind: 'base',
  id: 'v3.18',
  title: 'two-phase syscall_trace_enter, seccomp phase 1, auditsys gone; UPROBE in DO_NOTIFY',
  flags: {
    bits: V3_16_BITS,
    cite: readAt('linux-3.18.30', 'arch/x86/include/asm/thread_info.h', 'the TIF_* bit numbers'),
  },
  masks: asmMasks('linux-3.18.30', { nohz: true, uprobeInDoNotify: true, mce: true }),
  behaviour: asm3xBehaviour({
    tree: 'linux-3.18.30',
    uprobeClear: 'callee',
    denySignalSets: ['UPROBE'],
    mce: true,
    ptraceStopHook: true,
    paranoidFromUser: 'paranoid_userspace',
    opportunisticSysret: 'none',
    syscallFastExit: 'sysret-careful',
    entry: entry3xTwoPhase('linux-3.18.30'),
  }),
};
