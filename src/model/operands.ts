import type { Expr } from '../flags/expr.js';
import type { FlagTable } from '../flags/flagTable.js';
import type { FlagOperand, NotifyStep } from '../kernels/behaviour/types.js';

/** The test a step is selected by: as the kernel wrote it, or `ti_work & _TIF_<flag>`. */
export const testOf = (step: NotifyStep): FlagOperand =>
  step.test ?? { kind: 'mask', operand: `_TIF_${step.flag}` };

/**
 * The bits an operation touches, evaluated as C would: a `TIF_X` given where a mask belongs is the
 * bit *number* used as a mask (TIF_UPROBE, 12, tests bits 2 and 3); a `_TIF_X` given where a bit
 * number belongs names bit 1 << n, outside a 32-bit word for n >= 5 (so it never matches here).
 * An operand that names no flag of the table touches nothing.
 */
export function operandBits(op: FlagOperand, table: FlagTable): number {
  let byTable = evaluated.get(op);
  if (byTable === undefined) {
    byTable = new WeakMap();
    evaluated.set(op, byTable);
  }
  let v = byTable.get(table);
  if (v === undefined) {
    v = evaluate(op, table);
    byTable.set(table, v);
  }
  return v;
}

/** operandBits by operand and table: the explorer asks once per state. */
const evaluated = new WeakMap<FlagOperand, WeakMap<FlagTable, number>>();

function evaluate(op: FlagOperand, table: FlagTable): number {
  const mask = /^_TIF_(\w+)$/.exec(op.operand);
  const bitName = mask === null ? /^TIF_(\w+)$/.exec(op.operand) : null;
  const n = table.bitOf.get((mask ?? bitName)?.[1] ?? '');
  if (n === undefined) return 0;
  if (mask !== null) {
    const value = 2 ** n;
    return op.kind === 'mask' ? value >>> 0 : value < 32 ? (1 << value) >>> 0 : 0;
  }
  return op.kind === 'mask' ? n : (1 << n) >>> 0;
}

/** An operand of the wrong kind for its operation, in words; undefined when it is right. */
export function operandMisuse(op: FlagOperand): string | undefined {
  if (op.kind === 'mask' && /^TIF_/.test(op.operand))
    return `${op.operand} is a bit number where a mask belongs (_${op.operand})`;
  if (op.kind === 'bit' && /^_TIF_/.test(op.operand))
    return `${op.operand} is a mask where a bit number belongs (${op.operand.slice(1)})`;
  return undefined;
}

/**
 * The places a mask expression uses a flag the wrong way: a bit number (`TIF_X`) as a value, or a
 * mask (`_TIF_X`) as a shift amount.
 */
export function exprMisuses(e: Expr, prefix: { bit: string; value: string }): string[] {
  const out: string[] = [];
  const go = (x: Expr, shiftAmount: boolean): void => {
    switch (x.kind) {
      case 'bit':
        if (!shiftAmount) out.push(`${prefix.bit}${x.name} is a bit number used as a value`);
        return;
      case 'flag':
        if (shiftAmount) out.push(`${prefix.value}${x.name} is a mask used as a shift amount`);
        return;
      case 'not':
        go(x.arg, false);
        return;
      case 'binary':
        go(x.left, false);
        go(x.right, x.op === '<<');
        return;
      case 'const':
      case 'ref':
        return;
    }
  };
  go(e, false);
  return out;
}
