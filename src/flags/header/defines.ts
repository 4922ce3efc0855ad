import { printExpr } from '../print.js';
import { WORDS } from '../words.js';
import type { HeaderModel } from './readHeader.js';

/**
 * The header's flags and masks written back as a minimal header of `#define`s: what a report stores
 * so that it can be replayed where the header itself is not (another machine, a deleted file).
 * Read back with `readHeader`, it gives the same flags and the same mask expressions.
 */
export function headerDefines(h: HeaderModel): string[] {
  const { bitPrefix, valuePrefix } = WORDS.flags;
  const flags = h.tables.flags.flags.flatMap((f) => [
    `#define ${bitPrefix}${f.name} ${f.bit}`,
    `#define ${valuePrefix}${f.name} (1 << ${bitPrefix}${f.name})`,
  ]);
  const masks = [...h.masks.values()]
    .filter((m) => m.word === 'flags')
    .map((m) => `#define ${m.name} (${printExpr(m.expr)})`);
  return [...flags, ...masks];
}
