import fc from 'fast-check';
import { binary, bit, constant, type Expr, flag, not, ref } from '../expr.js';
import { type FlagTable, makeFlagTable } from '../flagTable.js';
import type { MaskDef, MaskSet } from '../maskSet.js';

/** A flag table of 1..12 flags on distinct random bits, named F<bit>. */
export const flagTableArb: fc.Arbitrary<FlagTable> = fc
  .uniqueArray(fc.integer({ min: 0, max: 31 }), { minLength: 1, maxLength: 12 })
  .map((bits) => {
    const t = makeFlagTable(
      'flags',
      bits.map((b) => ({ name: `F${b}`, bit: b })),
    );
    if (!t.ok) throw new Error(t.error.message);
    return t.value;
  });

/** An expression over a table's flags and the masks listed in `refs` (so no cycle can arise). */
export function exprArb(table: FlagTable, refs: readonly string[]): fc.Arbitrary<Expr> {
  const names = table.flags.map((f) => f.name);
  const leaves: fc.Arbitrary<Expr>[] = [
    fc.constantFrom(...names).map((n) => flag(n)),
    fc.integer({ min: 0, max: 0xffffffff }).map(constant),
    fc.constantFrom(...names).map((n) => binary('<<', constant(1), bit(n))),
  ];
  if (refs.length > 0) leaves.push(fc.constantFrom(...refs).map(ref));
  const { e } = fc.letrec<{ e: Expr }>((tie) => ({
    e: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      ...leaves,
      tie('e').map(not),
      fc
        .tuple(fc.constantFrom<'|' | '&'>('|', '&'), tie('e'), tie('e'))
        .map(([op, l, r]) => binary(op, l, r)),
    ),
  }));
  return e;
}

/** A table with 1..5 masks, each referring only to masks defined before it. */
export const maskWorldArb: fc.Arbitrary<{ table: FlagTable; masks: MaskSet }> = flagTableArb.chain((table) =>
  fc.integer({ min: 1, max: 5 }).chain((n) =>
    fc
      .tuple(
        ...Array.from({ length: n }, (_, i) =>
          exprArb(
            table,
            Array.from({ length: i }, (_, j) => `_TIF_M${j}`),
          ),
        ),
      )
      .map((exprs) => {
        const masks = new Map<string, MaskDef>();
        exprs.forEach((expr, i) => {
          masks.set(`_TIF_M${i}`, { name: `_TIF_M${i}`, word: 'flags', expr });
        });
        return { table, masks: masks as MaskSet };
      }),
  ),
);
