import type { WordId } from './words.js';

/**
 * A mask expression, resolved: every name is known to be a flag, a flag's bit number, or another
 * mask. This is the C-like AST of DESIGN.md: flag, constant, `|`, `&`, `~`, `<<`, mask reference.
 */
export type Expr =
  /** An unsigned 32-bit literal (`0x0000FFFF`). */
  | { readonly kind: 'const'; readonly value: number }
  /** A flag's mask value, `_TIF_NAME` (1 << its bit). */
  | { readonly kind: 'flag'; readonly word: WordId; readonly name: string }
  /** A flag's bit number, `TIF_NAME`; meaningful as a shift amount. */
  | { readonly kind: 'bit'; readonly word: WordId; readonly name: string }
  /** Another mask, by its kernel spelling (`_TIF_WORK_MASK`). */
  | { readonly kind: 'ref'; readonly name: string }
  | { readonly kind: 'not'; readonly arg: Expr }
  | { readonly kind: 'binary'; readonly op: BinaryOp; readonly left: Expr; readonly right: Expr };

export type BinaryOp = '|' | '&' | '<<';

export const constant = (value: number): Expr => ({ kind: 'const', value: value >>> 0 });
export const flag = (name: string, word: WordId = 'flags'): Expr => ({ kind: 'flag', word, name });
export const bit = (name: string, word: WordId = 'flags'): Expr => ({ kind: 'bit', word, name });
export const ref = (name: string): Expr => ({ kind: 'ref', name });
export const not = (arg: Expr): Expr => ({ kind: 'not', arg });
export const binary = (op: BinaryOp, left: Expr, right: Expr): Expr => ({ kind: 'binary', op, left, right });

/** `a | b | c`, left-associated; a single operand stands alone. */
export function orAll(items: readonly Expr[]): Expr {
  const [first, ...rest] = items;
  if (first === undefined) return constant(0);
  return rest.reduce((acc, e) => binary('|', acc, e), first);
}

/** The operands of a chain of `|` (the expression itself when it is not an OR). */
export function orTerms(e: Expr): Expr[] {
  return e.kind === 'binary' && e.op === '|' ? [...orTerms(e.left), ...orTerms(e.right)] : [e];
}

/** Every mask an expression references directly. */
export function refsOf(e: Expr): string[] {
  switch (e.kind) {
    case 'ref':
      return [e.name];
    case 'not':
      return refsOf(e.arg);
    case 'binary':
      return [...refsOf(e.left), ...refsOf(e.right)];
    case 'const':
    case 'flag':
    case 'bit':
      return [];
  }
}
