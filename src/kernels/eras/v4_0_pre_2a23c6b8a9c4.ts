import { asm3xBehaviour } from '../behaviour/asm3x.js';
import { entry3xTwoPhase } from '../behaviour/entry.js';
import { inferred, readAt } from '../cite.js';
import type { BaseSpec } from '../spec.js';
import { asmMasks } from './asmMasks.js';
import { V3_16_BITS } from './v3_16.js';

/**
 * 2a23c6b8a9c4 ("x86_64, entry: Use sysret to return to userspace when possible"), a commit of the
 * 4.0 merge window, named by its commit because no release ran it: opportunistic SYSRET at
 * retint_swapgs, so after every interrupt, exception and slow syscall, with RF tested but not TF
 * (released 4.0 tests both). Its entry_64.S (read in torvalds/linux at the commit) still has 3.19's
 * sysret_check/careful/signal/audit fast exit and the two-phase tracesys, and sends an int3, #DB or
 * #MC from user mode through error_exit. Its thread_info.h is not stored: the bits and masks are
 * 3.19's (read in monkeygq/linux-3.19), which 4.0 kept but for MCE_NOTIFY, whose removal this
 * commit may or may not predate.
 */
const headerFrom319 = inferred(
  "3.19's arch/x86/include/asm/thread_info.h (monkeygq/linux-3.19): the header at 2a23c6b8a9c4 is not stored; 3.19 and 4.0 differ only in MCE_NOTIFY",
);

export const v4_0_pre_2a23c6b8a9c4: BaseSpec = {
  kind: 'base',
  id: 'v4.0-pre-2a23c6b8a9c4',
  title:
    'first opportunistic SYSRET (2a23c6b8a9c4): tests at retint_swapgs for every IRET return, RF but not TF',
  flags: { bits: V3_16_BITS, cite: headerFrom319 },
  masks: Object.fromEntries(
    Object.entries(asmMasks('linux-3.19', { nohz: true, uprobeInDoNotify: true, mce: true })).map(
      ([n, m]) => [n, { ...m, cite: headerFrom319 }],
    ),
  ),
  behaviour: asm3xBehaviour({
    tree: 'torvalds-2a23c6b8a9c4',
    uprobeClear: 'callee',
    denySignalSets: ['UPROBE'],
    mce: true,
    ptraceStopHook: true,
    paranoidFromUser: 'error_exit',
    opportunisticSysret: 'retint-rf',
    syscallFastExit: 'sysret-careful',
    entry: entry3xTwoPhase('linux-3.19'),
    cites: {
      doNotifyResume: inferred(
        "3.19's arch/x86/kernel/signal.c (monkeygq/linux-3.19): only entry_64.S is stored at 2a23c6b8a9c4",
      ),
      uprobeClear: inferred("3.19's kernel/events/uprobes.c (monkeygq/linux-3.19)"),
      signalDelivery: inferred("3.19's kernel/signal.c (monkeygq/linux-3.19)"),
      syscallTraceLeave: inferred("3.19's arch/x86/kernel/ptrace.c (monkeygq/linux-3.19)"),
      forceIret: readAt(
        'linux-3.19',
        'arch/x86/include/asm/ptrace.h',
        'arch_ptrace_stop_needed sets TIF_NOTIFY_RESUME (3.16 to 4.0 alike; taken from 3.19 for this commit)',
      ),
    },
  }),
};
