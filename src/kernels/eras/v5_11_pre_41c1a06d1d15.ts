import { tracerResumes } from '../behaviour/generic.js';
import { readIn } from '../cite.js';
import type { VariantSpec } from '../spec.js';

/**
 * 299155244770 "entry: Drop usage of TIF flags in the generic syscall code" (5.11-rc1), before its
 * fix ("entry: Fix missed trap after single-step on system call return", Feb 2021, in 5.11): the
 * syscall exit work runs only for a bit of SYSCALL_WORK_EXIT, but a single-stepped task has only
 * TIF_SINGLESTEP, which report_single_step still read. The fix added SYSCALL_EXIT_TRAP, set with
 * TIF_SINGLESTEP, to the word and to the mask. Modelled as v5.11 with the mask as it was, the
 * tracer's step requests setting nothing in syscall_work, and the old report_single_step; the
 * table still names bit 6, which nothing sets here.
 */
export const v5_11_rc1: VariantSpec = {
  kind: 'variant',
  id: 'v5.11-rc1',
  parent: 'v5.11',
  title: 'syscall exit work gated on syscall_work alone: the single-step trap after a syscall is lost',
  edits: ['SYSCALL_WORK_EXIT-=SYSCALL_WORK_SYSCALL_EXIT_TRAP'],
  cite: readIn(
    '299155244770 and the fix\'s patch (Gabriel Krisman Bertazi, "entry: Fix missed trap after single-step on system call return", 3 Feb 2021, the bug reported by Kyle Huey for rr), read for this project',
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
