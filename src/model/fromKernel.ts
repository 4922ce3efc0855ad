import type { FlagTable } from '../flags/flagTable.js';
import { exprsOf } from '../flags/maskSet.js';
import { flagsTable, type Kernel } from '../kernels/kernel.js';
import type { PathId } from '../kernels/pathId.js';
import { type ModelContext, makeContext } from './context.js';

/** The model's view of a built-in kernel (or of one with edited masks). */
export function contextOfKernel(
  k: Kernel,
  path?: PathId,
  values: ReadonlyMap<string, number> = k.values,
): ModelContext {
  const maskTables = new Map<string, FlagTable>();
  for (const [name, def] of k.masks) {
    const t = k.tables[def.word];
    if (def.word !== 'flags' && t !== undefined) maskTables.set(name, t);
  }
  return makeContext(
    {
      source: k.id,
      pathsFrom: k.id,
      table: flagsTable(k),
      masks: values,
      maskTables,
      maskExprs: exprsOf(k.masks),
      ...(k.tables.syscall_work === undefined ? {} : { workTable: k.tables.syscall_work }),
      behaviour: k.behaviour,
    },
    path,
  );
}
