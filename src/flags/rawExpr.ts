import { fail, type Where } from './errors.js';
import { type Token, tokenize } from './lexer.js';

/**
 * A mask expression as written, before its names are looked up. Positions are offsets into the
 * text it was parsed from, so a later error can still name the column.
 */
export type RawExpr =
  | { readonly kind: 'num'; readonly value: bigint; readonly pos: number }
  | { readonly kind: 'ident'; readonly name: string; readonly pos: number }
  | {
      readonly kind: 'call';
      readonly callee: string;
      readonly args: readonly RawExpr[];
      readonly pos: number;
    }
  | { readonly kind: 'not'; readonly arg: RawExpr; readonly pos: number }
  | {
      readonly kind: 'binary';
      readonly op: '|' | '&' | '<<';
      readonly left: RawExpr;
      readonly right: RawExpr;
      readonly pos: number;
    };

// Words that can only form a cast, `(unsigned long)1`; the cast changes nothing in 32 bits.
const TYPE_WORDS = new Set(['unsigned', 'signed', 'long', 'int', 'short', 'u32', 'u64', '__u32', '__u64']);

/** Deeper nesting than this is not a header a person wrote; refusing it keeps the stack safe. */
export const MAX_NESTING = 256;

/** Tokens in one expression: a mask of every flag of a 64-bit word is about 130. */
export const MAX_TOKENS = 2_000;

// C operators outside the mask algebra: named in the error rather than reported as a bare syntax error.
const FOREIGN_OPERATORS = new Set([
  '+',
  '-',
  '*',
  '/',
  '%',
  '^',
  '>>',
  '&&',
  '||',
  '!',
  '==',
  '!=',
  '<',
  '>',
  '<=',
  '>=',
  '?',
]);

/** Parses C mask-expression text: literals, names, `BIT(x)`-style calls, `~`, `<<`, `&`, `|`, parentheses. */
export function parseRawExpr(text: string, whereAt: (pos: number) => Where): RawExpr {
  const tokens = tokenize(text, whereAt);
  // A chain of operators parses into a tree as deep as it is long, and every later walk over the
  // tree recurses; real masks have tens of tokens.
  const tooMany = tokens[MAX_TOKENS];
  if (tooMany !== undefined)
    fail('unsupported', `expression has more than ${MAX_TOKENS} tokens`, whereAt(tooMany.pos));
  let i = 0;
  let depth = 0;
  const deeper = (pos: number): void => {
    if (++depth > MAX_NESTING)
      fail('unsupported', `expression nests deeper than ${MAX_NESTING} levels`, whereAt(pos));
  };
  const peek = (): Token => tokens[i] ?? { kind: 'end', text: '', pos: text.length };
  const next = (): Token => {
    const t = peek();
    i++;
    return t;
  };
  const isPunct = (t: Token, p: string): boolean => t.kind === 'punct' && t.text === p;
  const expect = (p: string): Token => {
    const t = next();
    if (t.kind === 'punct' && FOREIGN_OPERATORS.has(t.text)) rejectToken(t);
    if (!isPunct(t, p)) fail('syntax', `expected '${p}' but found ${describe(t)}`, whereAt(t.pos));
    return t;
  };

  const parseOr = (): RawExpr => parseLeft('|', parseAnd);
  const parseAnd = (): RawExpr => parseLeft('&', parseShift);
  const parseShift = (): RawExpr => parseLeft('<<', parseUnary);

  function parseLeft(op: '|' | '&' | '<<', operand: () => RawExpr): RawExpr {
    let left = operand();
    while (isPunct(peek(), op)) {
      const t = next();
      left = { kind: 'binary', op, left, right: operand(), pos: t.pos };
    }
    return left;
  }

  function parseUnary(): RawExpr {
    const t = peek();
    if (isPunct(t, '~')) {
      next();
      deeper(t.pos);
      const arg = parseUnary();
      depth--;
      return { kind: 'not', arg, pos: t.pos };
    }
    if (isPunct(t, '(') && isCast()) {
      next();
      while (!isPunct(peek(), ')')) next();
      next();
      return parseUnary();
    }
    return parsePrimary();
  }

  function isCast(): boolean {
    let j = i + 1;
    let words = 0;
    for (let t = tokens[j]; t !== undefined && t.kind === 'ident' && TYPE_WORDS.has(t.text); t = tokens[++j])
      words++;
    const close = tokens[j];
    return words > 0 && close !== undefined && close.kind === 'punct' && close.text === ')';
  }

  function parsePrimary(): RawExpr {
    const t = next();
    if (t.kind === 'number') return { kind: 'num', value: t.value, pos: t.pos };
    if (t.kind === 'ident') {
      if (!isPunct(peek(), '(')) return { kind: 'ident', name: t.text, pos: t.pos };
      next();
      const args: RawExpr[] = [];
      if (!isPunct(peek(), ')')) {
        args.push(parseOr());
        while (isPunct(peek(), ',')) {
          next();
          args.push(parseOr());
        }
      }
      expect(')');
      return { kind: 'call', callee: t.text, args, pos: t.pos };
    }
    if (isPunct(t, '(')) {
      deeper(t.pos);
      const inner = parseOr();
      expect(')');
      depth--;
      return inner;
    }
    rejectToken(t);
  }

  function rejectToken(t: Token): never {
    if (t.kind === 'punct' && FOREIGN_OPERATORS.has(t.text)) {
      fail(
        'unsupported',
        `operator '${t.text}' is not part of a mask expression (only | & ~ << and parentheses)`,
        whereAt(t.pos),
      );
    }
    fail(
      'syntax',
      t.kind === 'end' ? 'expression ends too early' : `unexpected ${describe(t)}`,
      whereAt(t.pos),
    );
  }

  if (peek().kind === 'end') fail('syntax', 'empty expression', whereAt(0));
  const e = parseOr();
  const rest = peek();
  if (rest.kind !== 'end') rejectToken(rest);
  return e;
}

function describe(t: Token): string {
  return t.kind === 'end' ? 'the end of the expression' : `'${t.text}'`;
}
