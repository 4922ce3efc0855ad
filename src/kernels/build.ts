import { applyEdits, parseEdit } from '../flags/edit.js';
import { capture, type Result, unwrap, type Where } from '../flags/errors.js';
import { makeFlagTable } from '../flags/flagTable.js';
import { evaluateMasks, type MaskDef, type Tables } from '../flags/maskSet.js';
import { type Meaning, parseExpr, type Scope } from '../flags/resolve.js';
import { WORDS, type WordId } from '../flags/words.js';
import type { Cite } from './cite.js';
import type { Kernel, MaskInfo } from './kernel.js';
import type { BaseSpec, VariantSpec, WordSpec } from './spec.js';

/** Builds a kernel modelled from its own sources. */
export function buildBase(spec: BaseSpec): Result<Kernel> {
  return capture(() => {
    const tables: { -readonly [W in WordId]?: ReturnType<typeof table> } = {
      flags: table('flags', spec.flags, spec.id),
    };
    if (spec.syscallWork !== undefined)
      tables.syscall_work = table('syscall_work', spec.syscallWork, spec.id);
    const scope = specScope(tables, Object.keys(spec.masks));
    const masks = new Map<string, MaskDef>();
    const maskInfo = new Map<string, MaskInfo>();
    for (const [name, m] of Object.entries(spec.masks)) {
      const where = (pos: number): Where => ({
        kind: 'file',
        file: `kernel ${spec.id}, mask ${name}`,
        line: 1,
        column: pos + 1,
      });
      const word = m.word ?? 'flags';
      masks.set(name, {
        name,
        word,
        expr: parseExpr({ text: m.expr, whereAt: where }, scope),
        where: where(0),
      });
      maskInfo.set(name, {
        testedBy: m.testedBy,
        cite: m.cite,
        ...(m.outsideHeader === true ? { outsideHeader: true as const } : {}),
      });
    }
    const values = unwrap(evaluateMasks(masks, tables), `kernel ${spec.id}`);
    const wordCites: Partial<Record<WordId, Cite>> = { flags: spec.flags.cite };
    if (spec.syscallWork !== undefined) wordCites.syscall_work = spec.syscallWork.cite;
    return {
      id: spec.id,
      title: spec.title,
      edits: [],
      tables,
      masks,
      values,
      maskInfo,
      wordCites,
      behaviour: spec.behaviour,
    };
  });
}

/** Builds a variant: its parent with the variant's edits applied, in order. */
export function buildVariant(spec: VariantSpec, parent: Kernel): Result<Kernel> {
  return capture(() => {
    const edits = spec.edits.map((e) => unwrap(parseEdit(e), `kernel ${spec.id} edit '${e}'`));
    const masks = unwrap(applyEdits(parent.masks, parent.tables, edits), `kernel ${spec.id}`);
    const values = unwrap(evaluateMasks(masks, parent.tables), `kernel ${spec.id}`);
    const maskInfo = new Map(parent.maskInfo);
    for (const [name, info] of parent.maskInfo) {
      if (masks.get(name)?.expr !== parent.masks.get(name)?.expr)
        maskInfo.set(name, { ...info, cite: spec.cite });
    }
    return {
      ...parent,
      id: spec.id,
      title: spec.title,
      parent: parent.id,
      edits: spec.edits,
      masks,
      values,
      maskInfo,
      cite: spec.cite,
      behaviour: spec.behaviour === undefined ? parent.behaviour : spec.behaviour(parent.behaviour),
    };
  });
}

function table(word: WordId, spec: WordSpec, id: string) {
  const entries = Object.entries(spec.bits).map(([name, bit]) => ({ name, bit }));
  return unwrap(makeFlagTable(word, entries), `kernel ${id} ${word} table`);
}

/** Names in a spec's masks: `_TIF_X`/`SYSCALL_WORK_X` flags, `TIF_X` bits, other masks of the spec. */
function specScope(tables: Tables, maskNames: readonly string[]): Scope {
  return {
    lookup(name): Meaning | undefined {
      if (maskNames.includes(name)) return { kind: 'mask', name };
      for (const word of ['syscall_work', 'flags'] as const) {
        const w = WORDS[word];
        const t = tables[word];
        if (t === undefined) continue;
        if (name.startsWith(w.bitPrefix) && t.bitOf.has(name.slice(w.bitPrefix.length))) {
          return { kind: 'bit', word, name: name.slice(w.bitPrefix.length) };
        }
        if (name.startsWith(w.valuePrefix) && t.bitOf.has(name.slice(w.valuePrefix.length))) {
          return { kind: 'flag', word, name: name.slice(w.valuePrefix.length) };
        }
      }
      return undefined;
    },
  };
}
