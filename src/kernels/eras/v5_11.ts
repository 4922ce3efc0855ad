import { BEHAVIOUR_5_11 } from '../behaviour/generic.js';
import { readAt } from '../cite.js';
import type { BaseSpec, MaskSpec } from '../spec.js';
import type { TreeId } from '../trees.js';

/**
 * v5.11 (CompressionDuck/linux-5.11, 5.11.0): generic entry. Syscall work moved to
 * `ti->syscall_work` with bits of its own; x86 gave up its TIF_SYSCALL_* bits, TIF_IA32 and
 * TIF_X32 in the same release, and wired TIF_NOTIFY_SIGNAL to bit 17. exit_to_user_mode_loop loops
 * on EXIT_TO_USER_MODE_WORK; x86 defines no ARCH_* work bits (each is 0), and its user-return
 * notifiers run once after the loop with IRQs off.
 */
export const V5_11_BITS = {
  NOTIFY_RESUME: 1,
  SIGPENDING: 2,
  NEED_RESCHED: 3,
  SINGLESTEP: 4,
  SSBD: 5,
  SPEC_IB: 9,
  SPEC_FORCE_UPDATE: 10,
  USER_RETURN_NOTIFY: 11,
  UPROBE: 12,
  PATCH_PENDING: 13,
  NEED_FPU_LOAD: 14,
  NOCPUID: 15,
  NOTSC: 16,
  NOTIFY_SIGNAL: 17,
  SLD: 18,
  MEMDIE: 20,
  POLLING_NRFLAG: 21,
  IO_BITMAP: 22,
  FORCED_TF: 24,
  BLOCKSTEP: 25,
  LAZY_MMU_UPDATES: 27,
  ADDR32: 29,
} as const;

export const SYSCALL_WORK_BITS = {
  SECCOMP: 0,
  SYSCALL_TRACEPOINT: 1,
  SYSCALL_TRACE: 2,
  SYSCALL_EMU: 3,
  SYSCALL_AUDIT: 4,
  SYSCALL_USER_DISPATCH: 5,
  SYSCALL_EXIT_TRAP: 6,
} as const;

/**
 * The generic masks as include/linux/entry-common.h writes them in `tree`, each ending in an ARCH_*
 * mask x86 leaves at its default, 0.
 */
export function genericMasks(tree: TreeId, loop: string): Record<string, MaskSpec> {
  const header = (what: string) => readAt(tree, 'include/linux/entry-common.h', what);
  const arch = (name: string, word?: 'syscall_work'): MaskSpec => ({
    ...(word === undefined ? {} : { word }),
    expr: '0',
    testedBy: `part of a mask: x86 does not define ${name}, so the header's default 0 stands`,
    outsideHeader: true,
    cite: header(`${name} defaults to 0 unless the architecture defines it; arch/x86 does not`),
  });
  return {
    ARCH_EXIT_TO_USER_MODE_WORK: arch('ARCH_EXIT_TO_USER_MODE_WORK'),
    EXIT_TO_USER_MODE_WORK: {
      expr: `${loop} | ARCH_EXIT_TO_USER_MODE_WORK`,
      testedBy: 'exit_to_user_mode_prepare and exit_to_user_mode_loop: loops while a bit is set',
      outsideHeader: true,
      cite: header('EXIT_TO_USER_MODE_WORK'),
    },
    ARCH_SYSCALL_WORK_ENTER: arch('ARCH_SYSCALL_WORK_ENTER', 'syscall_work'),
    SYSCALL_WORK_ENTER: {
      word: 'syscall_work',
      expr: 'SYSCALL_WORK_SECCOMP | SYSCALL_WORK_SYSCALL_TRACEPOINT | SYSCALL_WORK_SYSCALL_TRACE | SYSCALL_WORK_SYSCALL_EMU | SYSCALL_WORK_SYSCALL_AUDIT | SYSCALL_WORK_SYSCALL_USER_DISPATCH | ARCH_SYSCALL_WORK_ENTER',
      testedBy: 'syscall_enter_from_user_mode_work: any bit set runs syscall_trace_enter',
      outsideHeader: true,
      cite: header('SYSCALL_WORK_ENTER'),
    },
    ARCH_SYSCALL_WORK_EXIT: arch('ARCH_SYSCALL_WORK_EXIT', 'syscall_work'),
    SYSCALL_WORK_EXIT: {
      word: 'syscall_work',
      expr: 'SYSCALL_WORK_SYSCALL_TRACEPOINT | SYSCALL_WORK_SYSCALL_TRACE | SYSCALL_WORK_SYSCALL_AUDIT | SYSCALL_WORK_SYSCALL_USER_DISPATCH | SYSCALL_WORK_SYSCALL_EXIT_TRAP | ARCH_SYSCALL_WORK_EXIT',
      testedBy: 'syscall_exit_work: one pass, before the exit loop',
      outsideHeader: true,
      cite: header('SYSCALL_WORK_EXIT'),
    },
  };
}

export const LOOP_5_11 =
  '_TIF_SIGPENDING | _TIF_NOTIFY_RESUME | _TIF_UPROBE | _TIF_NEED_RESCHED | _TIF_PATCH_PENDING | _TIF_NOTIFY_SIGNAL';

export const v5_11: BaseSpec = {
  kind: 'base',
  id: 'v5.11',
  title: 'generic entry: exit_to_user_mode_loop, the syscall_work word, NOTIFY_SIGNAL, PATCH_PENDING',
  flags: {
    bits: V5_11_BITS,
    cite: readAt('linux-5.11', 'arch/x86/include/asm/thread_info.h', 'the TIF_* bit numbers'),
  },
  syscallWork: {
    bits: SYSCALL_WORK_BITS,
    cite: readAt('linux-5.11', 'include/linux/thread_info.h', 'enum syscall_work_bit'),
  },
  masks: genericMasks('linux-5.11', LOOP_5_11),
  behaviour: BEHAVIOUR_5_11,
};
