import { capture, fail, type Result, type Where } from './errors.js';
import type { Expr } from './expr.js';
import { refsOf } from './expr.js';
import type { FlagTable } from './flagTable.js';
import { WORDS, type WordId } from './words.js';

/** One mask: the word it is tested against, its expression, and where it was defined. */
export interface MaskDef {
  readonly name: string;
  readonly word: WordId;
  readonly expr: Expr;
  readonly where?: Where;
}

/** Masks by name, in definition order. */
export type MaskSet = ReadonlyMap<string, MaskDef>;

/** The flag tables a kernel or header defines, one per word it uses. */
export type Tables = Readonly<Partial<Record<WordId, FlagTable>>>;

export function tableFor(tables: Tables, word: WordId): FlagTable {
  const t = tables[word];
  if (t === undefined) throw new Error(`no flag table for ${word}`);
  return t;
}

/** A chain of masks each referring to the next; real headers have chains of two or three. */
export const MAX_REFERENCE_CHAIN = 500;

/**
 * Evaluates every mask to an unsigned 32-bit value. Fails on a reference cycle (naming the path),
 * a reference to an unknown mask, a flag of the wrong word, or a shift by 32 or more.
 */
export function evaluateMasks(masks: MaskSet, tables: Tables): Result<ReadonlyMap<string, number>> {
  return capture(() => {
    const values = new Map<string, number>();
    const path: string[] = [];
    const visit = (name: string, from?: MaskDef): number => {
      const known = values.get(name);
      if (known !== undefined) return known;
      const def = masks.get(name);
      if (def === undefined)
        fail('unknown-mask', `${from?.name ?? 'expression'} refers to unknown mask ${name}`, from?.where);
      if (path.includes(name)) {
        const cycle = [...path.slice(path.indexOf(name)), name].join(' -> ');
        fail('cycle', `mask ${name} refers to itself: ${cycle}`, def.where);
      }
      if (path.length >= MAX_REFERENCE_CHAIN) {
        fail('unsupported', `masks refer to each other more than ${MAX_REFERENCE_CHAIN} deep`, def.where);
      }
      path.push(name);
      const v = evalExpr(def.expr, def, (n) => visit(n, def));
      path.pop();
      values.set(name, v);
      return v;
    };
    for (const name of masks.keys()) visit(name);
    // In definition order, whatever order the references were followed in.
    return new Map([...masks.keys()].map((n) => [n, values.get(n) ?? 0]));
  });

  function evalExpr(e: Expr, def: MaskDef, refValue: (name: string) => number): number {
    const wordOf = (w: WordId, what: string): FlagTable => {
      if (w !== def.word) {
        fail(
          'word-mismatch',
          `${def.name} tests ${WORDS[def.word].field} but uses ${what} of ${WORDS[w].field}`,
          def.where,
        );
      }
      return tableFor(tables, w);
    };
    const go = (x: Expr): number => {
      switch (x.kind) {
        case 'const':
          return x.value >>> 0;
        case 'flag': {
          const b = wordOf(x.word, `flag ${x.name}`).bitOf.get(x.name);
          if (b === undefined) fail('undefined-name', `${def.name} uses unknown flag ${x.name}`, def.where);
          return (1 << b) >>> 0;
        }
        case 'bit': {
          const b = wordOf(x.word, `bit ${x.name}`).bitOf.get(x.name);
          if (b === undefined) fail('undefined-name', `${def.name} uses unknown flag ${x.name}`, def.where);
          return b;
        }
        case 'ref': {
          const target = masks.get(x.name);
          if (target !== undefined && target.word !== def.word) {
            fail(
              'word-mismatch',
              `${def.name} tests ${WORDS[def.word].field} but refers to ${x.name}`,
              def.where,
            );
          }
          return refValue(x.name);
        }
        case 'not':
          return ~go(x.arg) >>> 0;
        case 'binary': {
          const l = go(x.left);
          const r = go(x.right);
          if (x.op === '|') return (l | r) >>> 0;
          if (x.op === '&') return (l & r) >>> 0;
          if (r > 31) fail('bit-out-of-range', `${def.name} shifts by ${r}; shifts must be 0..31`, def.where);
          return (l << r) >>> 0;
        }
      }
    };
    return go(e);
  }
}

/** The masks that `name` uses, directly or through other masks. */
export function dependenciesOf(masks: MaskSet, name: string): string[] {
  const seen = new Set<string>();
  const todo = [name];
  for (let n = todo.pop(); n !== undefined; n = todo.pop()) {
    for (const r of refsOf(masks.get(n)?.expr ?? { kind: 'const', value: 0 })) {
      if (!seen.has(r)) {
        seen.add(r);
        todo.push(r);
      }
    }
  }
  return [...seen];
}

/** Each mask's expression by name, as the model's lints read them. */
export function exprsOf(masks: MaskSet): ReadonlyMap<string, Expr> {
  return new Map([...masks].map(([name, def]) => [name, def.expr]));
}
