import { BEHAVIOUR_5_11, tracerResumes } from '../behaviour/generic.js';
import { inferred, readAt, takenFrom } from '../cite.js';
import type { BaseSpec } from '../spec.js';
import { genericMasks, LOOP_5_11, SYSCALL_WORK_BITS, V5_11_BITS } from './v5_11.js';

const AT = 'torvalds-299155244770';
const NOT_STORED = 'taken for 5.11-rc1 (the file is not stored at 299155244770)';

/**
 * 5.11-rc1: generic entry's syscall work as first merged. kernel/entry/common.c is read at
 * 299155244770 ("entry: Drop usage of TIF flags in the generic syscall code", the last change to it
 * in the core/entry pull merged for rc1): the exit work runs only for a bit of SYSCALL_WORK_EXIT,
 * which has no step bit, and report_single_step is written the wrong way round: it reports a step
 * only when SYSCALL_EMU is set as well as TIF_SINGLESTEP. So a single-stepped task loses its trap
 * after a syscall even when another mode (audit, a tracepoint) opens the gate. The masks are the
 * pull's (its diff of include/linux/entry-common.h, which adds SYSCALL_USER_DISPATCH after
 * 299155244770); every other file is 5.11's, which rc1 is taken to share, and says so.
 */
const masks = genericMasks(AT, LOOP_5_11);
const pulled = inferred(
  "the core/entry pull merged for 5.11-rc1 (tag core-entry-2020-12-14), as its diff of include/linux/entry-common.h shows it: 299155244770's masks with SYSCALL_USER_DISPATCH, which the same pull adds",
);

export const v5_11_rc1: BaseSpec = {
  kind: 'base',
  id: 'v5.11-rc1',
  title: 'syscall exit work gated on syscall_work alone, and the step test inverted (EMU and SINGLESTEP)',
  flags: {
    bits: V5_11_BITS,
    cite: inferred("5.11's x86 thread_info.h bit numbers, taken for rc1 (not stored at 299155244770)"),
  },
  syscallWork: {
    bits: SYSCALL_WORK_BITS,
    cite: inferred(
      "5.11's enum syscall_work_bit: rc1 has bits 0-5; SYSCALL_EXIT_TRAP (6) came with 6342adcaa683 and is kept here in the table, where nothing sets it",
    ),
  },
  masks: Object.fromEntries(
    Object.entries(masks).map(([name, m]) => [
      name,
      name === 'SYSCALL_WORK_EXIT'
        ? {
            ...m,
            expr: 'SYSCALL_WORK_SYSCALL_TRACEPOINT | SYSCALL_WORK_SYSCALL_TRACE | SYSCALL_WORK_SYSCALL_AUDIT | SYSCALL_WORK_SYSCALL_USER_DISPATCH | ARCH_SYSCALL_WORK_EXIT',
            cite: pulled,
          }
        : name === 'SYSCALL_WORK_ENTER'
          ? { ...m, cite: pulled }
          : m,
    ]),
  ),
  behaviour: {
    ...BEHAVIOUR_5_11,
    singleStep: { work: [], report: 'emu-and-tif-singlestep' },
    setters: (() => {
      const resumes = new Map(tracerResumes([]).map((s) => [s.id, s]));
      return BEHAVIOUR_5_11.setters.map((s) => resumes.get(s.id) ?? s);
    })(),
    cites: {
      ...Object.fromEntries(
        Object.entries(BEHAVIOUR_5_11.cites).map(([k, c]) => [k, takenFrom(c, NOT_STORED)]),
      ),
      exitLoop: readAt(
        AT,
        'kernel/entry/common.c',
        'exit_to_user_mode_loop: NEED_RESCHED schedule, UPROBE, PATCH_PENDING, SIGPENDING|NOTIFY_SIGNAL arch_do_signal_or_restart, NOTIFY_RESUME tracehook_notify_resume and rseq_handle_notify_resume; IRQs off, flags re-read',
      ),
      syscallWork: readAt(
        AT,
        'kernel/entry/common.c',
        'syscall_exit_to_user_mode_prepare runs syscall_exit_work only for work & SYSCALL_WORK_EXIT; report_single_step returns false unless SYSCALL_EMU is set, then TIF_SINGLESTEP',
      ),
      singleStep: readAt(
        AT,
        'kernel/entry/common.c',
        "report_single_step reads TIF_SINGLESTEP; x86's step.c sets nothing in syscall_work, and its ARCH_SYSCALL_EXIT_WORK (_TIF_SINGLESTEP) is read by nothing any more",
      ),
    },
  },
};
