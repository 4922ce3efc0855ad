import { asm3xBehaviour } from '../behaviour/asm3x.js';
import { entry3xSingle } from '../behaviour/entry.js';
import { readAt } from '../cite.js';
import type { BaseSpec } from '../spec.js';
import { asmMasks } from './asmMasks.js';
import { V3_13_BITS } from './v3_13.js';

/**
 * v3.16 (jyizheng/linux-3.16, the release): CVE-2014-4699 fixed (b9cd18de4db3): x86's
 * arch_ptrace_stop_needed sets TIF_NOTIFY_RESUME before every ptrace stop, so the exit takes the
 * IRET path. UPROBE is still not in DO_NOTIFY and uprobe_deny_signal still sets NOTIFY_RESUME with
 * it; TIF_POLLING_NRFLAG is back at bit 21. 3.17 reads the same (lexi6725/linux-3.17.0).
 */
export const V3_16_BITS = { ...V3_13_BITS, POLLING_NRFLAG: 21 } as const;

export const v3_16: BaseSpec = {
  kind: 'base',
  id: 'v3.16',
  title: 'CVE-2014-4699 fixed (a ptrace stop forces the IRET path); UPROBE still not in DO_NOTIFY',
  flags: {
    bits: V3_16_BITS,
    cite: readAt('linux-3.16', 'arch/x86/include/asm/thread_info.h', 'the TIF_* bit numbers'),
  },
  masks: asmMasks('linux-3.16', { nohz: true, uprobeInDoNotify: false, mce: true }),
  behaviour: asm3xBehaviour({
    tree: 'linux-3.16',
    uprobeClear: 'callee',
    denySignalSets: ['UPROBE', 'NOTIFY_RESUME'],
    mce: true,
    ptraceStopHook: true,
    paranoidFromUser: 'paranoid_userspace',
    opportunisticSysret: 'none',
    syscallFastExit: 'sysret-careful',
    entry: entry3xSingle('linux-3.16'),
  }),
};
