import { readAt } from '../cite.js';
import type { MaskSpec } from '../spec.js';
import type { TreeId } from '../trees.js';

/**
 * The five masks of the asm era (arch/x86/include/asm/thread_info.h, 3.6 to 4.0), as one release
 * writes them: NOHZ joins the entry, exit and ALLWORK masks in 3.13; UPROBE joins DO_NOTIFY in 3.18;
 * MCE_NOTIFY leaves DO_NOTIFY (and the header) in 4.0. WORK and ALLWORK are built from the
 * constant 0x0000FFFF throughout, so every low bit no flag defines is inside them.
 */
export function asmMasks(
  tree: TreeId,
  o: { readonly nohz: boolean; readonly uprobeInDoNotify: boolean; readonly mce: boolean },
): Record<string, MaskSpec> {
  const cite = readAt(
    tree,
    'arch/x86/include/asm/thread_info.h',
    'the _TIF_* masks as the header writes them',
  );
  const nohz = o.nohz ? ' | _TIF_NOHZ' : '';
  const doNotify = [
    '_TIF_SIGPENDING',
    ...(o.mce ? ['_TIF_MCE_NOTIFY'] : []),
    '_TIF_NOTIFY_RESUME',
    '_TIF_USER_RETURN_NOTIFY',
    ...(o.uprobeInDoNotify ? ['_TIF_UPROBE'] : []),
  ];
  return {
    _TIF_WORK_SYSCALL_ENTRY: {
      expr: `_TIF_SYSCALL_TRACE | _TIF_SYSCALL_EMU | _TIF_SYSCALL_AUDIT | _TIF_SECCOMP | _TIF_SINGLESTEP | _TIF_SYSCALL_TRACEPOINT${nohz}`,
      testedBy: 'system_call (once, IRQs on): any bit set sends the syscall to tracesys',
      cite,
    },
    _TIF_WORK_SYSCALL_EXIT: {
      expr: `_TIF_SYSCALL_TRACE | _TIF_SYSCALL_AUDIT | _TIF_SINGLESTEP | _TIF_SYSCALL_TRACEPOINT${nohz}`,
      testedBy: 'int_check_syscall_exit_work: any bit set calls syscall_trace_leave',
      cite,
    },
    _TIF_WORK_MASK: {
      expr: '0x0000FFFF & ~(_TIF_SYSCALL_TRACE | _TIF_SYSCALL_AUDIT | _TIF_SINGLESTEP | _TIF_SECCOMP | _TIF_SYSCALL_EMU)',
      testedBy:
        'retint_with_reschedule/retint_check, error_exit, paranoid_userspace; int_signal reloads %edi with it',
      cite,
    },
    _TIF_ALLWORK_MASK: {
      expr: `(0x0000FFFF & ~_TIF_SECCOMP) | _TIF_SYSCALL_TRACEPOINT${nohz}`,
      testedBy: 'ret_from_sys_call (the fast path) and int_ret_from_sys_call/int_with_check',
      cite,
    },
    _TIF_DO_NOTIFY_MASK: {
      expr: doNotify.join(' | '),
      testedBy: 'int_signal and retint_signal: do_notify_resume is called only if a bit is set',
      cite,
    },
  };
}
