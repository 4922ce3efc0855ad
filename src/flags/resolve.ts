import { fail, formatWhere, type Where } from './errors.js';
import { binary, bit, constant, type Expr, flag, not, ref } from './expr.js';
import { parseRawExpr, type RawExpr } from './rawExpr.js';
import type { WordId } from './words.js';

/** A text an expression was read from, and how its offsets map to a place. */
export interface SourceText {
  readonly text: string;
  readonly whereAt: (pos: number) => Where;
}

/** What a name in a mask expression stands for. */
export type Meaning =
  | { readonly kind: 'flag'; readonly word: WordId; readonly name: string }
  | { readonly kind: 'bit'; readonly word: WordId; readonly name: string }
  | { readonly kind: 'mask'; readonly name: string }
  /** A name that stands for a known expression (in an edit, the edited mask's old value). */
  | { readonly kind: 'inline'; readonly name: string; readonly expr: Expr }
  /** An object-like macro that is neither flag nor mask: its text is read in place, as cpp would. */
  | { readonly kind: 'macro'; readonly name: string; readonly source: SourceText };

export interface Scope {
  lookup(name: string): Meaning | undefined;
  /** Said after "undefined name X" when the name is unknown (for example a did-you-mean). */
  hint?(name: string): string | undefined;
  /** A function-like macro the source itself defines (a header's own `BIT(nr)`). */
  functionMacro?(name: string): { params: readonly string[]; body: string; where: Where } | undefined;
}

export interface ResolveOptions {
  /**
   * Reject a bit number (`TIF_X`) used as a value rather than as a shift amount. C allows it, and a
   * real header is read as C; in a user's edit it is almost surely a mistake for `_TIF_X`.
   */
  readonly bitOnlyAsShiftAmount?: boolean;
}

/** Macro expansion beyond this many nodes is refused (a chain of `#define A2 (A1|A1)` doubles each step). */
export const MAX_EXPANSION = 100_000;
/** Depth of a resolved expression, macros expanded; keeps every later recursion over it shallow. */
export const MAX_DEPTH = 1_000;

// The kernel's single-bit helpers (linux/bits.h, uapi/linux/const.h): each means 1 << x.
const BIT_HELPERS = new Set(['BIT', 'BIT_ULL', '_BITUL', '_BITULL']);

/** Parses and resolves in one go. */
export function parseExpr(source: SourceText, scope: Scope, options: ResolveOptions = {}): Expr {
  return resolveRaw(parseRawExpr(source.text, source.whereAt), source, scope, options);
}

export function resolveRaw(
  raw: RawExpr,
  source: SourceText,
  scope: Scope,
  options: ResolveOptions = {},
): Expr {
  const expanding: string[] = [];
  let nodes = 0;
  let depth = 0;

  function go(r: RawExpr, src: SourceText, shiftAmount: boolean): Expr {
    if (++nodes > MAX_EXPANSION) {
      fail('unsupported', `macro expansion exceeds ${MAX_EXPANSION} nodes`, src.whereAt(r.pos));
    }
    if (depth > MAX_DEPTH)
      fail(
        'unsupported',
        `expression (with its macros expanded) nests deeper than ${MAX_DEPTH}`,
        src.whereAt(r.pos),
      );
    depth++;
    try {
      return step(r, src, shiftAmount);
    } finally {
      depth--;
    }
  }

  function step(r: RawExpr, src: SourceText, shiftAmount: boolean): Expr {
    switch (r.kind) {
      case 'num':
        if (r.value > 0xffffffffn) {
          fail('constant-out-of-range', `constant ${r.value} does not fit in 32 bits`, src.whereAt(r.pos));
        }
        return constant(Number(r.value));
      case 'not':
        return not(go(r.arg, src, false));
      case 'binary':
        return binary(r.op, go(r.left, src, false), go(r.right, src, r.op === '<<'));
      case 'call':
        return call(r, src, shiftAmount);
      case 'ident':
        return name(r, src, shiftAmount);
    }
  }

  function call(r: Extract<RawExpr, { kind: 'call' }>, src: SourceText, shiftAmount: boolean): Expr {
    const [arg, ...extra] = r.args;
    // A header's own definition of a helper is honoured where it means what the kernel's does,
    // and refused otherwise: never silently replaced by the built-in meaning.
    const own = scope.functionMacro?.(r.callee);
    if (own !== undefined && !meansTheKernels(r.callee, own.params, own.body))
      fail(
        'unsupported',
        `${r.callee}(...) is the header's own macro (${formatWhere(own.where)}: ${r.callee}(${own.params.join(', ')}) ${own.body.trim()}), which tifcheck does not expand; it reads only the kernel's BIT, BIT_ULL, _BITUL, _BITULL, UL and _AC`,
        src.whereAt(r.pos),
      );
    if (BIT_HELPERS.has(r.callee) && arg !== undefined && extra.length === 0) {
      return binary('<<', constant(1), go(arg, src, true));
    }
    if (r.callee === 'UL' && arg !== undefined && extra.length === 0) return go(arg, src, shiftAmount);
    if (r.callee === '_AC' && arg !== undefined && extra.length === 1) return go(arg, src, shiftAmount);
    return fail(
      'unsupported',
      `macro call ${r.callee}(...) is not understood in a mask expression`,
      src.whereAt(r.pos),
    );
  }

  function name(r: Extract<RawExpr, { kind: 'ident' }>, src: SourceText, shiftAmount: boolean): Expr {
    const m = scope.lookup(r.name);
    if (m === undefined) {
      const hint = scope.hint?.(r.name);
      fail('undefined-name', `undefined name ${r.name}${hint ? ` (${hint})` : ''}`, src.whereAt(r.pos));
    }
    switch (m.kind) {
      case 'flag':
        return flag(m.name, m.word);
      case 'bit':
        if (options.bitOnlyAsShiftAmount && !shiftAmount) {
          fail(
            'bad-edit',
            `${r.name} is a bit number, not a mask; write _TIF_${m.name} or ${m.name} for the flag`,
            src.whereAt(r.pos),
          );
        }
        return bit(m.name, m.word);
      case 'mask':
        return ref(m.name);
      case 'inline':
        return m.expr;
      case 'macro': {
        if (expanding.includes(m.name)) {
          fail('cycle', `macro ${[...expanding, m.name].join(' -> ')} refers to itself`, src.whereAt(r.pos));
        }
        expanding.push(m.name);
        const e = go(parseRawExpr(m.source.text, m.source.whereAt), m.source, shiftAmount);
        expanding.pop();
        return e;
      }
    }
  }

  return go(raw, source, false);
}

/**
 * Whether a header's own definition of a helper means what the kernel's does: BIT-like helpers
 * shift a one (of any width) left by their argument, UL and _AC give back their value.
 */
function meansTheKernels(callee: string, params: readonly string[], body: string): boolean {
  const [p, q] = params;
  if (p === undefined) return false;
  const flat = body.replace(/[\s()]/g, '');
  if (BIT_HELPERS.has(callee))
    return (
      params.length === 1 &&
      (new RegExp(`^(1|1U|1UL|1ULL|UL1|ULL1|_AC1,UL|_AC1,ULL)<<${p}$`).test(flat) ||
        new RegExp(`^(BIT|BIT_ULL|_BITUL|_BITULL)${p}$`).test(flat))
    );
  if (callee === 'UL') return params.length === 1 && new RegExp(`^(${p}|${p}##UL|_AC${p},UL)$`).test(flat);
  if (callee === '_AC') return params.length === 2 && new RegExp(`^(${p}|${p}##${q})$`).test(flat);
  return false;
}
