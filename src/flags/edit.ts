import { capture, err, fail, inputError, ok, type Result, type Where } from './errors.js';
import { binary, type Expr, flag, not, orAll, orTerms } from './expr.js';
import { evaluateMasks, type MaskDef, type MaskSet, type Tables, tableFor } from './maskSet.js';
import { didYouMean, findMaskName } from './names.js';
import { parseRawExpr, type RawExpr } from './rawExpr.js';
import { type Meaning, resolveRaw, type Scope } from './resolve.js';
import { bareFlagName, WORDS, type WordId } from './words.js';

/**
 * A proposed change to one mask, as a kernel developer writes it on the command line:
 * `MASK+=FLAG`, `MASK-=FLAG` or `MASK=EXPR` (C syntax over flags and masks).
 */
export type Edit =
  | { readonly kind: 'add' | 'remove'; readonly text: string; readonly mask: string; readonly flag: string }
  | {
      readonly kind: 'set';
      readonly text: string;
      readonly mask: string;
      readonly expr: RawExpr;
      readonly exprAt: number;
    };

const EDIT_SHAPE = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*(\+=|-=|=)\s*(.*?)\s*$/s;

/** Reads the syntax of an edit; names are checked against a kernel by `applyEdits`. */
export function parseEdit(text: string): Result<Edit> {
  const m = EDIT_SHAPE.exec(text);
  const whereAt = (pos: number): Where => ({ kind: 'argument', argument: text, column: pos + 1 });
  if (m === null || m[1] === undefined || m[2] === undefined || m[3] === undefined) {
    return err(inputError('bad-edit', 'an edit is MASK+=FLAG, MASK-=FLAG or MASK=EXPR', whereAt(0)));
  }
  const [, mask, op, rest] = m;
  const restAt = text.lastIndexOf(rest);
  if (op === '=') {
    return capture(() => ({
      kind: 'set',
      text,
      mask,
      expr: parseRawExpr(rest, (p) => whereAt(restAt + p)),
      exprAt: restAt,
    }));
  }
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(rest)) {
    return err(inputError('bad-edit', `after ${op} give one flag name`, whereAt(restAt)));
  }
  return ok({ kind: op === '+=' ? 'add' : 'remove', text, mask, flag: rest });
}

/** Applies edits in order; each edit sees the masks as the previous ones left them. */
export function applyEdits(masks: MaskSet, tables: Tables, edits: readonly Edit[]): Result<MaskSet> {
  let current = masks;
  for (const e of edits) {
    const next = applyEdit(current, tables, e);
    if (!next.ok) return next;
    current = next.value;
  }
  return ok(current);
}

export function applyEdit(masks: MaskSet, tables: Tables, edit: Edit): Result<MaskSet> {
  const where: Where = { kind: 'argument', argument: edit.text };
  return capture(() => {
    const name = findMaskName(masks.keys(), edit.mask);
    if (name === undefined) {
      const hint = didYouMean(masks.keys(), edit.mask);
      fail('unknown-mask', `unknown mask ${edit.mask}${hint ? `; ${hint}` : ''}`, where);
    }
    const def = masks.get(name) as MaskDef;
    const expr = newExpression(def, masks, tables, edit, where);
    const next = new Map(masks);
    next.set(name, { ...def, expr, where });
    const checked = evaluateMasks(next, tables);
    if (!checked.ok) fail(checked.error.code, checked.error.message, where);
    return next;
  });
}

function newExpression(def: MaskDef, masks: MaskSet, tables: Tables, edit: Edit, where: Where): Expr {
  const table = tableFor(tables, def.word);
  if (edit.kind === 'set') {
    const scope = editScope(def, masks, tables);
    const source = { text: edit.text, whereAt: (p: number): Where => ({ ...where, column: p + 1 }) };
    const shifted = shiftPositions(edit.expr, edit.exprAt);
    return resolveRaw(shifted, source, scope, { bitOnlyAsShiftAmount: true });
  }
  const flagName = bareFlagName(edit.flag, def.word);
  if (!table.bitOf.has(flagName)) {
    const hint = didYouMean(table.bitOf.keys(), flagName);
    fail(
      'unknown-flag',
      `unknown flag ${edit.flag} in ${WORDS[def.word].field}${hint ? `; ${hint}` : ''}`,
      where,
    );
  }
  const f = flag(flagName, def.word);
  if (edit.kind === 'add') return binary('|', def.expr, f);
  // Dropping a term keeps the mask readable (`A | B` rather than `(A | B | C) & ~C`) where that
  // clears the flag: no other term (a constant such as 0x0000FFFF, another mask) still has it.
  const terms = orTerms(def.expr);
  const kept = terms.filter((t) => !(t.kind === 'flag' && t.word === def.word && t.name === flagName));
  if (kept.length < terms.length && kept.length > 0) {
    const dropped = orAll(kept);
    const value = evaluateMasks(new Map(masks).set(def.name, { ...def, expr: dropped }), tables);
    const bit = (1 << (table.bitOf.get(flagName) ?? 0)) >>> 0;
    if (value.ok && ((value.value.get(def.name) ?? 0) & bit) === 0) return dropped;
  }
  return binary('&', def.expr, not(f));
}

/** Names in `MASK=EXPR`: masks (with or without `_TIF_`), flags with any prefix, the mask itself as its old value. */
function editScope(def: MaskDef, masks: MaskSet, tables: Tables): Scope {
  const inWord = (word: WordId, name: string, kind: 'flag' | 'bit'): Meaning | undefined =>
    tables[word]?.bitOf.has(name) ? { kind, word, name } : undefined;
  return {
    lookup(name) {
      const mask = findMaskName(masks.keys(), name);
      if (mask === def.name) return { kind: 'inline', name: mask, expr: def.expr };
      if (mask !== undefined) return { kind: 'mask', name: mask };
      for (const word of Object.keys(tables) as WordId[]) {
        const w = WORDS[word];
        if (name.startsWith(w.bitPrefix)) return inWord(word, name.slice(w.bitPrefix.length), 'bit');
        if (name.startsWith(w.valuePrefix)) return inWord(word, name.slice(w.valuePrefix.length), 'flag');
      }
      return inWord(def.word, name, 'flag');
    },
    hint: (name) =>
      didYouMean([...masks.keys(), ...(tables[def.word]?.bitOf.keys() ?? [])], bareFlagName(name)),
  };
}

function shiftPositions(r: RawExpr, by: number): RawExpr {
  switch (r.kind) {
    case 'num':
    case 'ident':
      return { ...r, pos: r.pos + by };
    case 'not':
      return { ...r, pos: r.pos + by, arg: shiftPositions(r.arg, by) };
    case 'call':
      return { ...r, pos: r.pos + by, args: r.args.map((a) => shiftPositions(a, by)) };
    case 'binary':
      return { ...r, pos: r.pos + by, left: shiftPositions(r.left, by), right: shiftPositions(r.right, by) };
  }
}
