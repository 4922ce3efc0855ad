import { bitsOf, decompose } from '../flags/decompose.js';
import { formatFlags, hex32, hexShort } from '../flags/format.js';
import { tableFor } from '../flags/maskSet.js';
import { printExpr } from '../flags/print.js';
import { WORD_IDS, WORDS } from '../flags/words.js';
import type { MaskView } from './maskView.js';

/** The bits the 0x0000FFFF-style constants cover: work flags live in the low half-word. */
export const LOW_WORD = 0x0000ffff;

/** `tifcheck masks --json`, as DESIGN.md fixes it (plus `expr`, `word`, `syscall_work`, `undefinedLowBits`). */
/** The version of `tifcheck masks --json` (schemas/masks.schema.json). */
export const MASKS_SCHEMA = 'tifcheck-masks/1';

export function masksJson(view: MaskView): unknown {
  const flags = tableFor(view.tables, 'flags');
  const masks: Record<string, unknown> = {};
  for (const [name, def] of view.masks) {
    const value = view.values.get(name) ?? 0;
    const d = decompose(value, tableFor(view.tables, def.word));
    masks[name] = {
      value,
      hex: hex32(value),
      flags: d.flags,
      unnamed: d.unnamed,
      expr: printExpr(def.expr),
      word: def.word,
    };
  }
  const doc: Record<string, unknown> = {
    schema: MASKS_SCHEMA,
    source: view.source,
    flags: Object.fromEntries(flags.flags.map((f) => [f.name, f.bit])),
    masks,
    undefinedLowBits: (LOW_WORD & ~flags.definedBits) >>> 0,
  };
  const sw = view.tables.syscall_work;
  if (sw !== undefined) doc.syscall_work = Object.fromEntries(sw.flags.map((f) => [f.name, f.bit]));
  return doc;
}

/** `tifcheck masks`, for a person: every mask with its hex value, named flags, unnamed bits and expression. */
export function masksText(view: MaskView): string {
  const out: string[] = [`${view.kind} ${view.source}: ${view.title}`];
  for (const note of view.notes) out.push(`note: ${note}`);
  for (const word of WORD_IDS) {
    const t = view.tables[word];
    if (t === undefined) continue;
    out.push('', `${WORDS[word].field}: ${t.flags.map((f) => `${f.name}=${f.bit}`).join(' ')}`);
    if (word === 'flags') {
      const undefinedLow = (LOW_WORD & ~t.definedBits) >>> 0;
      out.push(
        undefinedLow === 0
          ? 'every bit of 0x0000ffff is a defined flag'
          : `bits of 0x0000ffff that no flag defines: ${hexShort(undefinedLow)} (bits ${bitsOf(undefinedLow).join(', ')})`,
      );
    }
  }
  const width = Math.max(...[...view.masks.keys()].map((n) => n.length));
  for (const [name, def] of view.masks) {
    const value = view.values.get(name) ?? 0;
    const table = tableFor(view.tables, def.word);
    out.push('', `${name.padEnd(width)}  ${hex32(value)}  ${formatFlags(value, table)}`);
    out.push(`  = ${printExpr(def.expr)}`);
    const unnamed = decompose(value, table).unnamed;
    if (unnamed !== 0)
      out.push(`  unnamed bits ${hexShort(unnamed)}: no flag defines bit ${bitsOf(unnamed).join(', ')}`);
    const tested = view.testedBy.get(name);
    if (tested !== undefined) out.push(`  tested by ${tested}`);
    const cite = view.cites.get(name);
    if (cite !== undefined) out.push(`  from ${cite}`);
  }
  return `${out.join('\n')}\n`;
}
