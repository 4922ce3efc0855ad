import { c4xBehaviour } from '../behaviour/c4x.js';
import { entry4xTwoPhase } from '../behaviour/entry.js';
import { inferred, readAt } from '../cite.js';
import type { BaseSpec } from '../spec.js';
import { c4xMasks, V4_BITS } from './c4xMasks.js';

const COMMIT = 'torvalds-c5c46f59e4e7';
const COMMON = 'arch/x86/entry/common.c';

/**
 * c5c46f59e4e7, "x86/entry: Add new, comprehensible entry and exit handlers written in C": the
 * first C exit loop stops when none of SIGPENDING, NOTIFY_RESUME, UPROBE and NEED_RESCHED is set,
 * although its body still fires user-return notifiers. Released 4.3 has USER_RETURN_NOTIFY in the
 * condition; no rc is known to have shipped this one (none could be read), so the id names the
 * commit. Only common.c is stored at that commit: everything else (the header, the asm, signal and
 * uprobes code) is 4.3's, read in the 4.3 tree and cited there.
 */
const entry = entry4xTwoPhase('linux-4.3');
const released = c4xBehaviour({
  tree: 'linux-4.3',
  compatInC: false,
  loop: 'inline',
  sysretAt: 'int_ret_from_sys_call',
  entry,
});

export const v4_3_pre_c5c46f59e4e7: BaseSpec = {
  kind: 'base',
  id: 'v4.3-pre-c5c46f59e4e7',
  title: 'the first C exit loop as committed: USER_RETURN_NOTIFY not in the loop condition',
  flags: {
    bits: V4_BITS,
    cite: inferred("4.3's thread_info.h (the header is not stored at c5c46f59e4e7)"),
  },
  masks: c4xMasks('linux-4.3', {
    singlestepInEntry: true,
    inline: true,
    loop: '_TIF_SIGPENDING | _TIF_NOTIFY_RESUME | _TIF_UPROBE | _TIF_NEED_RESCHED',
    entryTest: 'entry',
    loopTree: COMMIT,
  }),
  behaviour: {
    ...released,
    cites: {
      ...released.cites,
      exitLoop: readAt(
        COMMIT,
        COMMON,
        'prepare_exit_to_usermode: IRQs off, then a loop that re-reads ti->flags and stops when none of SIGPENDING, NOTIFY_RESUME, UPROBE, NEED_RESCHED is set; its body (IRQs on) still ends with fire_user_return_notifiers for USER_RETURN_NOTIFY',
      ),
      slowExitWork: readAt(
        COMMIT,
        COMMON,
        "syscall_return_slowpath as 4.3's: audit exit, the tracepoint, step = SINGLESTEP && !EMU, the ptrace report, then prepare_exit_to_usermode",
      ),
    },
    syscallEntry: {
      ...entry,
      cites: {
        ...entry.cites,
        phases: readAt(COMMIT, COMMON, "syscall_trace_enter_phase1/phase2 as 4.3's"),
      },
    },
  },
};
