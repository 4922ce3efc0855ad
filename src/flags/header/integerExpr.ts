import { fail } from '../errors.js';
import { type Token, tokenize } from '../lexer.js';
import { MAX_NESTING } from '../rawExpr.js';
import type { Span } from './directive.js';
import type { Macros } from './macros.js';

/**
 * How names that are not macros count: in `#if` they are 0 (as in C); when reading a flag's bit
 * number they are an error, because a guess there would put the flag on a wrong bit.
 */
export type UnknownNames = 'zero' | 'error';

// Config tests the kernel spells as function-like macros (linux/kconfig.h).
const KCONFIG_TESTS: Record<string, (defined: (n: string) => boolean, sym: string) => boolean> = {
  IS_ENABLED: (d, s) => d(s) || d(`${s}_MODULE`),
  IS_BUILTIN: (d, s) => d(s),
  IS_MODULE: (d, s) => d(`${s}_MODULE`),
  IS_REACHABLE: (d, s) => d(s) || d(`${s}_MODULE`),
};

/** Work allowed for one evaluation, shared by the macros it expands, so no header can make it explode. */
interface Budget {
  steps: number;
}
const MAX_STEPS = 100_000;

/** Evaluates a C integer constant expression as the preprocessor does, in 64-bit signed arithmetic. */
export function evaluateInteger(
  span: Span,
  macros: Macros,
  unknown: UnknownNames,
  expanding: readonly string[] = [],
  budget: Budget = { steps: 0 },
): bigint {
  if (expanding.length > MAX_NESTING) fail('bad-condition', 'macros nest too deeply', span.whereAt(0));
  const tokens = tokenize(span.text, span.whereAt);
  let i = 0;
  const peek = (): Token => tokens[i] ?? { kind: 'end', text: '', pos: span.text.length };
  const next = (): Token => tokens[i++] ?? peek();
  const at = (t: Token) => span.whereAt(t.pos);
  const isP = (p: string): boolean => {
    const t = peek();
    return t.kind === 'punct' && t.text === p;
  };
  const expect = (p: string): void => {
    const t = next();
    if (!(t.kind === 'punct' && t.text === p)) {
      fail(
        'bad-condition',
        `expected '${p}' but found ${t.kind === 'end' ? 'the end of the line' : `'${t.text}'`}`,
        at(t),
      );
    }
  };
  const wrap = (v: bigint): bigint => BigInt.asIntN(64, v);
  const truth = (b: boolean): bigint => (b ? 1n : 0n);
  const defined = (n: string): boolean => macros.has(n);

  let depth = 0;
  const LEVELS: readonly (readonly string[])[] = [
    ['||'],
    ['&&'],
    ['|'],
    ['^'],
    ['&'],
    ['==', '!='],
    ['<', '>', '<=', '>='],
    ['<<', '>>'],
    ['+', '-'],
    ['*', '/', '%'],
  ];

  function conditional(): bigint {
    const c = binaryAt(0);
    if (!isP('?')) return c;
    const q = next();
    if (++depth > MAX_NESTING)
      fail('bad-condition', `expression nests deeper than ${MAX_NESTING} levels`, at(q));
    const a = conditional();
    expect(':');
    const b = conditional();
    depth--;
    return c !== 0n ? a : b;
  }

  function binaryAt(level: number): bigint {
    const ops = LEVELS[level];
    if (ops === undefined) return unary();
    let left = binaryAt(level + 1);
    for (let t = peek(); t.kind === 'punct' && ops.includes(t.text); t = peek()) {
      next();
      const right = binaryAt(level + 1);
      left = apply(t, left, right);
    }
    return left;
  }

  function apply(op: Token, l: bigint, r: bigint): bigint {
    switch (op.text) {
      case '||':
        return truth(l !== 0n || r !== 0n);
      case '&&':
        return truth(l !== 0n && r !== 0n);
      case '|':
        return l | r;
      case '^':
        return l ^ r;
      case '&':
        return l & r;
      case '==':
        return truth(l === r);
      case '!=':
        return truth(l !== r);
      case '<':
        return truth(l < r);
      case '>':
        return truth(l > r);
      case '<=':
        return truth(l <= r);
      case '>=':
        return truth(l >= r);
      case '<<':
        return wrap(l << r);
      case '>>':
        return l >> r;
      case '+':
        return wrap(l + r);
      case '-':
        return wrap(l - r);
      case '*':
        return wrap(l * r);
      default:
        if (r === 0n) fail('bad-condition', 'division by zero', at(op));
        return op.text === '/' ? l / r : l % r;
    }
  }

  function unary(): bigint {
    const t = peek();
    if (++budget.steps > MAX_STEPS) fail('bad-condition', 'expression is too large to evaluate', at(t));
    if (t.kind === 'punct' && ['!', '~', '-', '+'].includes(t.text)) {
      next();
      if (++depth > MAX_NESTING)
        fail('bad-condition', `expression nests deeper than ${MAX_NESTING} levels`, at(t));
      const v = unary();
      depth--;
      if (t.text === '!') return truth(v === 0n);
      if (t.text === '~') return ~v;
      return t.text === '-' ? wrap(-v) : v;
    }
    return primary();
  }

  function primary(): bigint {
    const t = next();
    if (t.kind === 'number') return t.value;
    if (t.kind === 'punct' && t.text === '(') {
      if (++depth > MAX_NESTING)
        fail('bad-condition', `expression nests deeper than ${MAX_NESTING} levels`, at(t));
      const v = conditional();
      expect(')');
      depth--;
      return v;
    }
    if (t.kind !== 'ident') {
      fail('bad-condition', t.kind === 'end' ? 'expression ends too early' : `unexpected '${t.text}'`, at(t));
    }
    if (t.text === 'defined') {
      const paren = isP('(');
      if (paren) next();
      const n = next();
      if (n.kind !== 'ident') fail('bad-condition', 'defined needs a macro name', at(n));
      if (paren) expect(')');
      return truth(defined(n.text));
    }
    if (isP('(')) return call(t);
    return identifier(t);
  }

  function call(t: Token): bigint {
    next();
    const test = KCONFIG_TESTS[t.text];
    if (test !== undefined) {
      const sym = next();
      if (sym.kind !== 'ident') fail('bad-condition', `${t.text} needs a config symbol`, at(sym));
      expect(')');
      return truth(test(defined, sym.text));
    }
    if (t.text === '__has_include' || t.text === '__has_include_next') {
      // The reader follows no includes, so none is there.
      let depth = 1;
      while (depth > 0 && peek().kind !== 'end') {
        const x = next();
        if (x.kind === 'punct' && x.text === '(') depth++;
        if (x.kind === 'punct' && x.text === ')') depth--;
      }
      return 0n;
    }
    return fail('bad-condition', `cannot evaluate the macro call ${t.text}(...) here`, at(t));
  }

  function identifier(t: Token): bigint {
    const m = macros.get(t.text);
    if (m === undefined || m.params !== undefined || expanding.includes(t.text)) {
      if (unknown === 'zero') return 0n;
      const why =
        m === undefined
          ? 'undefined name'
          : m.params !== undefined
            ? 'function-like macro'
            : 'self-referential macro';
      return fail('undefined-name', `${why} ${t.text} where a number is needed`, at(t));
    }
    if (m.body.text.trim() === '') {
      return fail('bad-condition', `macro ${t.text} is empty where a number is needed`, at(t));
    }
    return evaluateInteger(m.body, macros, unknown, [...expanding, t.text], budget);
  }

  if (peek().kind === 'end') fail('bad-condition', 'missing expression', span.whereAt(0));
  const v = conditional();
  const rest = peek();
  if (rest.kind !== 'end') fail('bad-condition', `unexpected '${rest.text}'`, at(rest));
  return v;
}
