import type { Where } from '../errors.js';
import type { LogicalLine } from './logicalLines.js';

/** A text within a logical line, with the way back to its place in the file. */
export interface Span {
  readonly text: string;
  readonly whereAt: (i: number) => Where;
}

/** A preprocessor line, reduced to what the reader needs; everything else is `other`. */
export type Directive =
  | {
      readonly kind: 'define';
      readonly name: string;
      readonly params?: readonly string[];
      readonly body: Span;
      readonly where: Where;
    }
  | { readonly kind: 'undef'; readonly name: string; readonly where: Where }
  | { readonly kind: 'if' | 'elif'; readonly condition: Span; readonly where: Where }
  | {
      readonly kind: 'ifdef' | 'ifndef' | 'elifdef' | 'elifndef';
      readonly name: string;
      readonly where: Where;
    }
  | { readonly kind: 'else' | 'endif'; readonly where: Where }
  | { readonly kind: 'error'; readonly message: string; readonly where: Where }
  /** #include, #pragma, #warning, #line, the null directive, and anything unknown. */
  | { readonly kind: 'other'; readonly name: string; readonly rest: string; readonly where: Where }
  /** A directive line the reader cannot make sense of (reported only where it is active). */
  | { readonly kind: 'malformed'; readonly message: string; readonly where: Where };

const NAME = /^[A-Za-z_][A-Za-z0-9_]*/;

/** The directive on a logical line, or undefined for a line of C code. */
export function readDirective(line: LogicalLine): Directive | undefined {
  const t = line.text;
  let i = skipSpace(t, 0);
  if (t.charAt(i) !== '#') return undefined;
  const hashAt = line.whereAt(i);
  i = skipSpace(t, i + 1);
  const word = NAME.exec(t.slice(i))?.[0] ?? '';
  const afterWord = i + word.length;
  const restAt = skipSpace(t, afterWord);
  const span = (from: number): Span => ({
    text: t.slice(from).trimEnd(),
    whereAt: (k) => line.whereAt(from + k),
  });
  const nameAt = (): { name: string; where: Where } | undefined => {
    const name = NAME.exec(t.slice(restAt))?.[0];
    return name === undefined ? undefined : { name, where: line.whereAt(restAt) };
  };

  switch (word) {
    case 'define': {
      const n = nameAt();
      if (n === undefined)
        return { kind: 'malformed', message: '#define without a macro name', where: hashAt };
      const after = restAt + n.name.length;
      if (t.charAt(after) === '(') {
        const close = t.indexOf(')', after);
        if (close < 0)
          return {
            kind: 'malformed',
            message: `#define ${n.name}( has no closing parenthesis`,
            where: n.where,
          };
        const params = t
          .slice(after + 1, close)
          .split(',')
          .map((p) => p.trim())
          .filter((p) => p !== '');
        return { kind: 'define', name: n.name, params, body: span(skipSpace(t, close + 1)), where: n.where };
      }
      return { kind: 'define', name: n.name, body: span(skipSpace(t, after)), where: n.where };
    }
    case 'undef': {
      const n = nameAt();
      return n === undefined
        ? { kind: 'malformed', message: '#undef without a macro name', where: hashAt }
        : { kind: 'undef', ...n };
    }
    case 'ifdef':
    case 'ifndef':
    case 'elifdef':
    case 'elifndef': {
      const n = nameAt();
      return n === undefined
        ? { kind: 'malformed', message: `#${word} without a macro name`, where: hashAt }
        : { kind: word, name: n.name, where: hashAt };
    }
    case 'if':
    case 'elif':
      return { kind: word, condition: span(restAt), where: hashAt };
    case 'else':
    case 'endif':
      return { kind: word, where: hashAt };
    case 'error':
      return { kind: 'error', message: t.slice(restAt).trim(), where: hashAt };
    default:
      return { kind: 'other', name: word, rest: t.slice(restAt).trim(), where: hashAt };
  }
}

function skipSpace(t: string, i: number): number {
  let j = i;
  while (
    j < t.length &&
    (t.charAt(j) === ' ' || t.charAt(j) === '\t' || t.charAt(j) === '\f' || t.charAt(j) === '\v')
  )
    j++;
  return j;
}
