import { readAt } from '../cite.js';
import type { MaskSpec } from '../spec.js';
import type { TreeId } from '../trees.js';
import { V3_13_BITS } from './v3_13.js';

/**
 * The C era's ti->flags (4.3 to 4.8 read alike): 3.13's bits without TIF_MCE_NOTIFY, which left in
 * 4.0, and with TIF_POLLING_NRFLAG back at bit 21; TIF_FORK stays at 18 (ret_from_fork clears it).
 */
const { MCE_NOTIFY: _mce, ...kept } = V3_13_BITS;
export const V4_BITS = { ...kept, POLLING_NRFLAG: 21 } as const;

/**
 * The masks the C era's code tests, as one tree writes them. The header has only the entry mask
 * and ALLWORK (built from 0x0000FFFF still); SINGLESTEP leaves the entry mask in 4.6. The exit
 * work and the loop's flags are in common.c: 4.4 names them SYSCALL_EXIT_WORK_FLAGS and
 * EXIT_TO_USERMODE_LOOP_FLAGS; 4.3 writes the same flags inline (`inline`), and the model uses
 * 4.4's names for them. `loop` is the loop's flags as the tree writes them.
 */
export function c4xMasks(
  tree: TreeId,
  o: {
    readonly singlestepInEntry: boolean;
    readonly inline: boolean;
    readonly loop: string;
    readonly entryTest: 'entry' | 'entry-or-allwork';
    readonly loopTree?: TreeId;
  },
): Record<string, MaskSpec> {
  const header = readAt(
    tree,
    'arch/x86/include/asm/thread_info.h',
    'the _TIF_* masks as the header writes them',
  );
  const common = (what: string) =>
    readAt(
      o.loopTree ?? tree,
      'arch/x86/entry/common.c',
      o.inline ? `${what}, written inline (4.4 gives the flags this name)` : what,
    );
  const exitWork = readAt(
    tree,
    'arch/x86/entry/common.c',
    o.inline
      ? 'the flags syscall_return_slowpath tests for its one-time exit work, written inline (4.4 gives them this name)'
      : 'SYSCALL_EXIT_WORK_FLAGS',
  );
  const step = o.singlestepInEntry ? ' | _TIF_SINGLESTEP' : '';
  return {
    _TIF_WORK_SYSCALL_ENTRY: {
      expr: `_TIF_SYSCALL_TRACE | _TIF_SYSCALL_EMU | _TIF_SYSCALL_AUDIT | _TIF_SECCOMP${step} | _TIF_SYSCALL_TRACEPOINT | _TIF_NOHZ`,
      testedBy:
        o.entryTest === 'entry'
          ? 'entry_SYSCALL_64 (once, IRQs on): any bit set sends the syscall to tracesys'
          : 'entry_SYSCALL_64 (once, IRQs off, with _TIF_ALLWORK_MASK): any bit set sends the syscall to do_syscall_64; do_syscall_64 and do_syscall_32_irqs_on call syscall_trace_enter for it',
      cite: header,
    },
    _TIF_ALLWORK_MASK: {
      expr: '(0x0000FFFF & ~_TIF_SECCOMP) | _TIF_SYSCALL_TRACEPOINT | _TIF_NOHZ',
      testedBy:
        o.entryTest === 'entry'
          ? 'the fast-path exit of entry_SYSCALL_64 (IRQs off): any bit set leaves through int_ret_from_sys_call'
          : 'entry_SYSCALL_64 (with the entry mask) and its fast-path exit (IRQs off): any bit set takes the slow path',
      cite: header,
    },
    SYSCALL_EXIT_WORK_FLAGS: {
      expr: '_TIF_SYSCALL_TRACE | _TIF_SYSCALL_AUDIT | _TIF_SINGLESTEP | _TIF_SYSCALL_TRACEPOINT',
      testedBy: 'syscall_return_slowpath: one pass of the exit work (audit, tracepoint, ptrace report)',
      outsideHeader: true,
      cite: exitWork,
    },
    EXIT_TO_USERMODE_LOOP_FLAGS: {
      expr: o.loop,
      testedBy: o.inline
        ? 'prepare_exit_to_usermode: loops (IRQs re-enabled each lap) while a bit is set'
        : 'exit_to_usermode_loop: loops (IRQs re-enabled each lap) while a bit is set',
      outsideHeader: true,
      cite: common('the flags the exit loop runs for'),
    },
  };
}

export const LOOP_FLAGS_4_4 =
  '_TIF_SIGPENDING | _TIF_NOTIFY_RESUME | _TIF_UPROBE | _TIF_NEED_RESCHED | _TIF_USER_RETURN_NOTIFY';
