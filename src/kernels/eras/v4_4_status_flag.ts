import { fromSeed, readIn } from '../cite.js';
import type { VariantSpec } from '../spec.js';

/**
 * v4.4 with seed 001's alternative to the register tests (Brian Gerst, 3 Sep 2015): a status flag
 * TS_FASTSYSCALL, set by the 64-bit SYSCALL entry and by the compat fast entry (the series the seed
 * answers); the tests (4.4's, or do_fast_syscall_32's on the compat path) move into force_iret(),
 * which clears the flag when the registers fail them; the exit returns by SYSRET (SYSRETL) while
 * the flag is set and does no tests of its own. Modelled as the seed words it: force_iret() is what 4.4 calls it from
 * (start_thread for execve, restore_sigcontext for rt_sigreturn, and arch_ptrace_stop_needed()
 * before each ptrace stop), and nothing else clears the flag.
 */
export const v4_4_status_flag: VariantSpec = {
  kind: 'variant',
  id: 'v4.4-status-flag',
  parent: 'v4.4',
  title: "seed 001's TS_FASTSYSCALL: register tests in force_iret(), the exit tests only the flag",
  edits: [],
  cite: fromSeed('001_5bc9c7238cd68bb1.txt (Brian Gerst, Re: [RFC 00/30], 3 Sep 2015)'),
  behaviour: (parent) => ({
    ...parent,
    opportunisticSysret: 'status-flag',
    cites: {
      ...parent.cites,
      forceIretCallers: readIn(
        'force_iret() callers: start_thread_common (process_64.c), restore_sigcontext (signal.c), arch_ptrace_stop_needed (asm/ptrace.h), read for this project; signal delivery (x64_setup_rt_frame) does not call it',
      ),
    },
  }),
};
