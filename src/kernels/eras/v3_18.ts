import { BEHAVIOUR_3X, UPROBE_DENY_SIGNAL_WORKAROUND } from '../behaviour/asm3x.js';
import { ENTRY_3_18 } from '../behaviour/entry.js';
import { readIn, recalled } from '../cite.js';
import type { BaseSpec } from '../spec.js';
import { ASM_MASKS_3_13, V3_13_BITS } from './v3_13.js';

/**
 * v3.18: the asm exits as in 3.14, with TIF_POLLING_NRFLAG back at bit 21 and UPROBE in DO_NOTIFY.
 * Its entry is two-phase (syscall_trace_enter_phase1/phase2); the masks are those of 3.14.
 */
const HEADER = 'v3.18 arch/x86/include/asm/thread_info.h, an Android 3.18 tree (kernel-facts.md §1.1-1.2)';

export const v3_18: BaseSpec = {
  kind: 'base',
  id: 'v3.18',
  title: 'two-phase syscall_trace_enter, seccomp phase 1, auditsys gone; asm exits with UPROBE in DO_NOTIFY',
  flags: { bits: { ...V3_13_BITS, POLLING_NRFLAG: 21 }, cite: readIn(HEADER) },
  masks: {
    ...ASM_MASKS_3_13,
    _TIF_DO_NOTIFY_MASK: {
      ...ASM_MASKS_3_13._TIF_DO_NOTIFY_MASK,
      expr: '_TIF_SIGPENDING | _TIF_MCE_NOTIFY | _TIF_NOTIFY_RESUME | _TIF_USER_RETURN_NOTIFY | _TIF_UPROBE',
      cite: readIn(HEADER),
    },
  },
  behaviour: {
    ...BEHAVIOUR_3X,
    setters: BEHAVIOUR_3X.setters.map((s) =>
      s === UPROBE_DENY_SIGNAL_WORKAROUND
        ? { ...s, sets: ['UPROBE'], cite: recalled('no NOTIFY_RESUME workaround since 3.14 (82975bc6a6df)') }
        : s,
    ),
    // CVE-2014-4699: since 3.16 every ptrace stop calls force_iret(), i.e. sets NOTIFY_RESUME.
    forceIretAfterPtraceStop: true,
    syscallEntry: ENTRY_3_18,
    cites: {
      ...BEHAVIOUR_3X.cites,
      forceIret: readIn(
        'b9cd18de4db3 "ptrace,x86: force IRET path after a ptrace_stop()"; force_iret() sets TIF_NOTIFY_RESUME (kernel-facts.md §6)',
      ),
    },
  },
};
