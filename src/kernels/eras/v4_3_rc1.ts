import { BEHAVIOUR_4_4 } from '../behaviour/c4x.js';
import { inferred, readIn, recalled } from '../cite.js';
import type { BaseSpec } from '../spec.js';
import { V3_13_BITS } from './v3_13.js';

/**
 * v4.3-rc1: the first C exit loop (arch/x86/entry/common.c). The asm masks WORK, DO_NOTIFY and
 * WORK_SYSCALL_EXIT are gone; the fast path still tests ALLWORK and the entry still tests
 * WORK_SYSCALL_ENTRY. prepare_exit_to_usermode loops while SIGPENDING, NOTIFY_RESUME, UPROBE or
 * NEED_RESCHED is set; USER_RETURN_NOTIFY is handled in the loop body but is not in the condition.
 * MCE_NOTIFY left with the v4.0 machine-check rework.
 *
 * The model is the whole syscall with the control flow of the 4.4 model (its entry, fast path,
 * syscall_return_slowpath and loop body) and 4.3-rc1's loop condition: the condition is what the
 * era is about. The rest of 4.3-rc1's flow is taken to be 4.4's, not read.
 */
const { MCE_NOTIFY: _mce, ...kept } = V3_13_BITS;
export const V4_BITS = { ...kept, POLLING_NRFLAG: 21 } as const;

const HEADER = 'v4.3/v4.4 arch/x86/include/asm/thread_info.h (kernel-facts.md §1.2)';
const COMMON = 'v4.3-rc1 arch/x86/entry/common.c (kernel-facts.md §1.2)';

export const C_ENTRY_MASKS_4X = {
  _TIF_WORK_SYSCALL_ENTRY: {
    expr: '_TIF_SYSCALL_TRACE | _TIF_SYSCALL_EMU | _TIF_SYSCALL_AUDIT | _TIF_SECCOMP | _TIF_SINGLESTEP | _TIF_SYSCALL_TRACEPOINT | _TIF_NOHZ',
    testedBy: 'entry_SYSCALL_64 (once, IRQs on): any bit set sends the syscall to tracesys',
    cite: readIn(HEADER),
  },
  _TIF_ALLWORK_MASK: {
    expr: '(0x0000FFFF & ~_TIF_SECCOMP) | _TIF_SYSCALL_TRACEPOINT | _TIF_NOHZ',
    testedBy:
      'the fast-path exit of entry_SYSCALL_64 (IRQs off): any bit set leaves through int_ret_from_sys_call',
    cite: readIn(HEADER),
  },
  SYSCALL_EXIT_WORK_FLAGS: {
    expr: '_TIF_SYSCALL_TRACE | _TIF_SYSCALL_AUDIT | _TIF_SINGLESTEP | _TIF_SYSCALL_TRACEPOINT',
    testedBy: 'syscall_return_slowpath: one pass of syscall_slow_exit_work',
    outsideHeader: true,
    cite: readIn('v4.4 arch/x86/entry/common.c (kernel-facts.md §1.2)'),
  },
} as const;

export const v4_3_rc1: BaseSpec = {
  kind: 'base',
  id: 'v4.3-rc1',
  title: 'first C exit loop (loop condition without USER_RETURN_NOTIFY)',
  flags: {
    bits: V4_BITS,
    cite: recalled(
      'pure v4.3 bit table: the v4.4.y vendor column of kernel-facts.md §1.1 without its backports',
    ),
  },
  masks: {
    ...C_ENTRY_MASKS_4X,
    EXIT_TO_USERMODE_LOOP_FLAGS: {
      expr: '_TIF_SIGPENDING | _TIF_NOTIFY_RESUME | _TIF_UPROBE | _TIF_NEED_RESCHED',
      testedBy: "prepare_exit_to_usermode loop condition (written inline in 4.3-rc1; the name is 4.4's)",
      outsideHeader: true,
      cite: readIn(COMMON),
    },
  },
  behaviour: {
    ...BEHAVIOUR_4_4,
    // 4.3's compat entry was still asm: seed 001's C rewrite was an RFC posted on 1 Sep 2015, in
    // 4.3's merge window, so it came in 4.4 (kernel-facts.md §6 heads its section "4.3+").
    paths: BEHAVIOUR_4_4.paths.filter((p) => p !== 'compat-syscall'),
    cites: {
      ...BEHAVIOUR_4_4.cites,
      exitLoop: inferred(
        "4.3-rc1's prepare_exit_to_usermode loop body taken as 4.4's exit_to_usermode_loop; only the loop condition differs (kernel-facts.md §1.2)",
      ),
      opportunisticSysret: inferred(
        "4.3-rc1's SYSRET tests at the end of int_ret_from_sys_call taken as 4.4's (kernel-facts.md §6 gives 4.4/4.5's; 4.3-rc1's entry_64.S was not read)",
      ),
    },
  },
};
