import { readAt } from '../cite.js';
import type { MaskSpec } from '../spec.js';
import type { TreeId } from '../trees.js';

/**
 * The generic-entry masks of 6.17 and later, as each release writes them: the exit work in
 * include/linux/irq-entry-common.h (moved there in 6.17), the syscall work in
 * include/linux/entry-common.h, and the masks kernel/entry/common.c and hrtimer_rearm.h define
 * for themselves. Every mask here is the entry code's, not thread_info.h's.
 */
export interface ModernMaskOptions {
  /** EXIT_TO_USER_MODE_WORK's flags, as written (before ARCH_EXIT_TO_USER_MODE_WORK). */
  readonly exitWork: string;
  /** SYSCALL_WORK_ENTER's bits as written, before ARCH_SYSCALL_WORK_ENTER where the release has it. */
  readonly enter: string;
  /** The release still ORs ARCH_SYSCALL_WORK_ENTER and _EXIT into the syscall masks (until 7.0). */
  readonly archSyscallWork: boolean;
  /** 6.19+: kernel/entry/common.c's EXIT_TO_USER_MODE_WORK_LOOP (x86 has generic TIF bits). */
  readonly loopWithoutRseq?: boolean;
  /** 7.0+: TIF_SLICE_EXT_SCHED and TIF_SLICE_EXT_DENY (the configuration without PREEMPT_RT). */
  readonly sliceExtension?: boolean;
  /** 7.1+: EXIT_TO_USER_MODE_WORK_SYSCALL and _IRQ (CONFIG_HRTIMER_REARM_DEFERRED), TIF_REARM_MASK. */
  readonly hrtimerRearm?: boolean;
}

const EXIT =
  'SYSCALL_WORK_SYSCALL_TRACEPOINT | SYSCALL_WORK_SYSCALL_TRACE | SYSCALL_WORK_SYSCALL_AUDIT | SYSCALL_WORK_SYSCALL_USER_DISPATCH | SYSCALL_WORK_SYSCALL_EXIT_TRAP';

export function modernMasks(tree: TreeId, o: ModernMaskOptions): Record<string, MaskSpec> {
  const irqEntry = (what: string) => readAt(tree, 'include/linux/irq-entry-common.h', what);
  const entry = (what: string) => readAt(tree, 'include/linux/entry-common.h', what);
  const common = (what: string) => readAt(tree, 'kernel/entry/common.c', what);
  const code = (expr: string, testedBy: string, cite: MaskSpec['cite'], word?: 'syscall_work'): MaskSpec => ({
    ...(word === undefined ? {} : { word }),
    expr,
    testedBy,
    outsideHeader: true,
    cite,
  });
  const archDefault = (name: string, cite: MaskSpec['cite'], word?: 'syscall_work'): MaskSpec =>
    code('0', `part of a mask: x86 does not define ${name}, so the header's default 0 stands`, cite, word);
  const out: Record<string, MaskSpec> = {
    ARCH_EXIT_TO_USER_MODE_WORK: archDefault(
      'ARCH_EXIT_TO_USER_MODE_WORK',
      irqEntry('ARCH_EXIT_TO_USER_MODE_WORK defaults to 0; arch/x86 does not define it'),
    ),
    EXIT_TO_USER_MODE_WORK: code(
      `${o.exitWork} | ARCH_EXIT_TO_USER_MODE_WORK`,
      o.hrtimerRearm
        ? 'part of EXIT_TO_USER_MODE_WORK_SYSCALL and _IRQ'
        : 'exit_to_user_mode_prepare: any bit set runs exit_to_user_mode_loop',
      irqEntry('EXIT_TO_USER_MODE_WORK'),
    ),
  };
  if (o.hrtimerRearm) {
    out.EXIT_TO_USER_MODE_WORK_SYSCALL = code(
      'EXIT_TO_USER_MODE_WORK',
      'syscall_exit_to_user_mode_prepare: __exit_to_user_mode_prepare tests it first',
      irqEntry(
        'EXIT_TO_USER_MODE_WORK_SYSCALL, with CONFIG_HRTIMER_REARM_DEFERRED (def_bool y with generic entry, generic TIF bits and high-resolution timers)',
      ),
    );
    out.EXIT_TO_USER_MODE_WORK_IRQ = code(
      'EXIT_TO_USER_MODE_WORK | _TIF_HRTIMER_REARM',
      'irqentry_exit_to_user_mode_prepare: __exit_to_user_mode_prepare tests it first',
      irqEntry('EXIT_TO_USER_MODE_WORK_IRQ, with CONFIG_HRTIMER_REARM_DEFERRED'),
    );
    out.TIF_REARM_MASK = code(
      '_TIF_NEED_RESCHED | _TIF_NEED_RESCHED_LAZY | _TIF_HRTIMER_REARM',
      'hrtimer_rearm_deferred_user_irq: rearms before the loop when this part of ti_work is HRTIMER_REARM alone',
      readAt(tree, 'include/linux/hrtimer_rearm.h', 'TIF_REARM_MASK (a mask, whatever its TIF_ prefix says)'),
    );
  }
  if (o.loopWithoutRseq)
    out.EXIT_TO_USER_MODE_WORK_LOOP = code(
      'EXIT_TO_USER_MODE_WORK & ~_TIF_RSEQ',
      '__exit_to_user_mode_loop: loops while a bit is set',
      common('EXIT_TO_USER_MODE_WORK_LOOP, with CONFIG_HAVE_GENERIC_TIF_BITS (x86 selects it)'),
    );
  if (o.sliceExtension) {
    out.TIF_SLICE_EXT_SCHED = code(
      '_TIF_NEED_RESCHED | _TIF_NEED_RESCHED_LAZY',
      'part of TIF_SLICE_EXT_DENY: the reschedule requests a slice extension may put off',
      common('TIF_SLICE_EXT_SCHED without CONFIG_PREEMPT_RT (with it, the lazy bit only); a mask'),
    );
    out.TIF_SLICE_EXT_DENY = code(
      'EXIT_TO_USER_MODE_WORK & ~TIF_SLICE_EXT_SCHED',
      '__exit_to_user_mode_loop: rseq_grant_slice_extension grants nothing while a bit is set',
      common('TIF_SLICE_EXT_DENY; a mask'),
    );
  }
  const arch = o.archSyscallWork;
  if (arch) {
    out.ARCH_SYSCALL_WORK_ENTER = archDefault(
      'ARCH_SYSCALL_WORK_ENTER',
      entry('ARCH_SYSCALL_WORK_ENTER defaults to 0; arch/x86 does not define it'),
      'syscall_work',
    );
    out.ARCH_SYSCALL_WORK_EXIT = archDefault(
      'ARCH_SYSCALL_WORK_EXIT',
      entry('ARCH_SYSCALL_WORK_EXIT defaults to 0; arch/x86 does not define it'),
      'syscall_work',
    );
  }
  out.SYSCALL_WORK_ENTER = code(
    arch ? `${o.enter} | ARCH_SYSCALL_WORK_ENTER` : o.enter,
    'syscall_enter_from_user_mode_work: any bit set runs syscall_trace_enter',
    entry('SYSCALL_WORK_ENTER'),
    'syscall_work',
  );
  out.SYSCALL_WORK_EXIT = code(
    arch ? `${EXIT} | ARCH_SYSCALL_WORK_EXIT` : EXIT,
    'syscall_exit_to_user_mode_work: any bit set runs syscall_exit_work, once, before the exit loop',
    entry('SYSCALL_WORK_EXIT'),
    'syscall_work',
  );
  return out;
}

/** EXIT_TO_USER_MODE_WORK's flags from 6.13 to 6.18, and with TIF_RSEQ from 6.19. */
export const EXIT_WORK_6_17 =
  '_TIF_SIGPENDING | _TIF_NOTIFY_RESUME | _TIF_UPROBE | _TIF_NEED_RESCHED | _TIF_NEED_RESCHED_LAZY | _TIF_PATCH_PENDING | _TIF_NOTIFY_SIGNAL';
export const EXIT_WORK_6_19 = `${EXIT_WORK_6_17} | _TIF_RSEQ`;

export const ENTER_6_17 =
  'SYSCALL_WORK_SECCOMP | SYSCALL_WORK_SYSCALL_TRACEPOINT | SYSCALL_WORK_SYSCALL_TRACE | SYSCALL_WORK_SYSCALL_EMU | SYSCALL_WORK_SYSCALL_AUDIT | SYSCALL_WORK_SYSCALL_USER_DISPATCH';
export const ENTER_7_0 = `${ENTER_6_17} | SYSCALL_WORK_SYSCALL_RSEQ_SLICE`;
