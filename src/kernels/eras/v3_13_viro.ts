import { fromSeed } from '../cite.js';
import type { VariantSpec } from '../spec.js';

/**
 * v3.13 as the January 2014 review says it should be (seed 003): UPROBE handled by do_notify_resume's
 * mask, SYSCALL_EMU dropped from ALLWORK ("no reason for it to be in _TIF_ALLWORK_MASK"), and both
 * work masks written with named flags only, so no never-defined low bit can hide in them.
 */
export const v3_13_viro: VariantSpec = {
  kind: 'variant',
  id: 'v3.13-viro',
  parent: 'v3.13',
  title: 'v3.13 with the 2014 clean-up: UPROBE handled, SYSCALL_EMU out of ALLWORK, named flags only',
  edits: [
    '_TIF_DO_NOTIFY_MASK += UPROBE',
    '_TIF_WORK_MASK = _TIF_DO_NOTIFY_MASK | _TIF_NEED_RESCHED',
    '_TIF_ALLWORK_MASK = _TIF_WORK_MASK | _TIF_WORK_SYSCALL_EXIT',
  ],
  cite: fromSeed('003_22c8ab191e039a08.txt (Al Viro, 27 Jan 2014)'),
};
