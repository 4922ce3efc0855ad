import { tracerResumes } from '../behaviour/generic.js';
import { inferred } from '../cite.js';
import type { VariantSpec } from '../spec.js';

/**
 * 41c1a06d1d15, "entry: Unbreak single step reporting behaviour" (in 5.11-rc6): report_single_step
 * is the right way round again (TIF_SINGLESTEP, unless SYSCALL_EMU), but the syscall exit work
 * still runs only for a bit of SYSCALL_WORK_EXIT, and a task its tracer single-steps has only
 * TIF_SINGLESTEP: the trap after the syscall is lost unless another mode opens the gate.
 * 6342adcaa683 (5.11-rc7) added SYSCALL_EXIT_TRAP, set with TIF_SINGLESTEP, to the word and to the
 * mask. Modelled as v5.11 with the mask as it was, the tracer's step requests setting nothing in
 * syscall_work, and this report_single_step; the table still names bit 6, which nothing sets here.
 * Neither commit's files are stored: its state is 299155244770's files with 41c1a06d1d15's diff.
 */
export const v5_11_pre_41c1a06d1d15: VariantSpec = {
  kind: 'variant',
  id: 'v5.11-pre-41c1a06d1d15',
  parent: 'v5.11',
  title: 'the rc6 state: step reported for TIF_SINGLESTEP, but the exit work gated on syscall_work alone',
  edits: ['SYSCALL_WORK_EXIT-=SYSCALL_WORK_SYSCALL_EXIT_TRAP'],
  cite: inferred(
    "299155244770's kernel/entry/common.c with 41c1a06d1d15's one-line change to report_single_step (read in the commit mail; the file at that commit is not stored); the gate as 6342adcaa683's diff shows it before the fix",
  ),
  behaviour: (parent) => {
    const resumes = new Map(tracerResumes([]).map((s) => [s.id, s]));
    return {
      ...parent,
      singleStep: { work: [], report: 'tif-singlestep' },
      setters: parent.setters.map((s) => resumes.get(s.id) ?? s),
    };
  },
};
