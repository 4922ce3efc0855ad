import { unwrap } from '../flags/errors.js';
import { WORDS } from '../flags/words.js';
import type { Kernel } from '../kernels/kernel.js';
import type { PathId } from '../kernels/pathId.js';
import { masksOnPath } from '../model/machines/registry.js';
import { kernelSubject, type Subject } from './subject.js';

/** One flag added to or removed from one mask: the smallest edit a patch can make. */
export interface MaskMutant {
  readonly edit: string;
  readonly subject: Subject;
}

/**
 * Every single-flag edit of every mask the given paths test: `MASK+=FLAG` for a flag the mask lacks,
 * `MASK-=FLAG` for one it has. Edits that leave every mask's value unchanged are not mutants (a
 * flag below bit 16 added to a 0x0000FFFF-based mask) and are counted apart.
 */
export function maskMutants(
  kernel: Kernel,
  paths: readonly PathId[],
): { mutants: MaskMutant[]; noOps: number } {
  const base = unwrap(kernelSubject(kernel), kernel.id);
  const masks = [...new Set(paths.flatMap((p) => masksOnPath(kernel, p)))].filter((m) =>
    base.input.masks.has(m),
  );
  const mutants: MaskMutant[] = [];
  let noOps = 0;
  for (const edit of singleFlagEdits(base, masks, base.input.table.flags)) {
    const subject = unwrap(kernelSubject(kernel, [edit]), edit);
    const same = [...base.input.masks].every(([name, v]) => subject.input.masks.get(name) === v);
    if (same) noOps++;
    else mutants.push({ edit, subject });
  }
  return { mutants, noOps };
}

type FlagList = readonly { readonly name: string; readonly bit: number }[];

/**
 * `MASK-=FLAG` for each flag a mask has and `MASK+=FLAG` for each it lacks, mask by mask. A mask of
 * ti->syscall_work takes `workFlags` instead (all of that word's by default), spelled
 * `SYSCALL_WORK_X` so that the edit names the word.
 */
export function singleFlagEdits(
  subject: Subject,
  masks: readonly string[],
  flags: FlagList,
  workFlags?: FlagList,
): string[] {
  return masks.flatMap((mask) => {
    const value = subject.input.masks.get(mask) ?? 0;
    const other = subject.input.maskTables?.get(mask);
    const list = other === undefined ? flags : (workFlags ?? other.flags);
    const prefix = other === undefined ? '' : WORDS.syscall_work.valuePrefix;
    return list.map((f) => `${mask}${(value & ((1 << f.bit) >>> 0)) !== 0 ? '-=' : '+='}${prefix}${f.name}`);
  });
}
