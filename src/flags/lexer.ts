import { fail, type Where } from './errors.js';

/** A C token, as the mask parser and the `#if` evaluator see them. */
export type Token =
  | { readonly kind: 'number'; readonly value: bigint; readonly text: string; readonly pos: number }
  | { readonly kind: 'ident'; readonly text: string; readonly pos: number }
  | { readonly kind: 'punct'; readonly text: string; readonly pos: number }
  | { readonly kind: 'end'; readonly text: ''; readonly pos: number };

// Longest first, so that `<<` wins over `<`.
const PUNCTS = [
  '<<=',
  '>>=',
  '<<',
  '>>',
  '&&',
  '||',
  '==',
  '!=',
  '<=',
  '>=',
  '(',
  ')',
  '|',
  '&',
  '~',
  '!',
  '<',
  '>',
  '+',
  '-',
  '*',
  '/',
  '%',
  '^',
  '?',
  ':',
  ',',
];

const IDENT_START = /[A-Za-z_]/;
const IDENT_REST = /[A-Za-z0-9_]/;

/**
 * Splits C expression text into tokens. Integer literals are decimal, hex or octal with any of the
 * U/L suffixes. `whereAt(pos)` turns an offset into a position for the error.
 */
export function tokenize(text: string, whereAt: (pos: number) => Where): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text.charAt(i);
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f' || c === '\v') {
      i++;
      continue;
    }
    if (IDENT_START.test(c)) {
      const start = i;
      while (i < text.length && IDENT_REST.test(text.charAt(i))) i++;
      out.push({ kind: 'ident', text: text.slice(start, i), pos: start });
      continue;
    }
    if (c >= '0' && c <= '9') {
      const start = i;
      while (i < text.length && /[0-9A-Za-z_]/.test(text.charAt(i))) i++;
      const raw = text.slice(start, i);
      out.push({ kind: 'number', value: parseIntegerLiteral(raw, whereAt(start)), text: raw, pos: start });
      continue;
    }
    const p = PUNCTS.find((q) => text.startsWith(q, i));
    if (p === undefined) fail('syntax', `unexpected character '${c}'`, whereAt(i));
    out.push({ kind: 'punct', text: p, pos: i });
    i += p.length;
  }
  out.push({ kind: 'end', text: '', pos: text.length });
  return out;
}

function parseIntegerLiteral(raw: string, where: Where): bigint {
  const m = /^(0[xX][0-9A-Fa-f]+|0[0-7]*|[1-9][0-9]*)([uU](?:ll|LL|l|L)?|(?:ll|LL|l|L)[uU]?)?$/.exec(raw);
  if (m === null || m[1] === undefined) fail('syntax', `malformed integer literal '${raw}'`, where);
  const digits = m[1];
  if (/^0[xX]/.test(digits)) return BigInt(digits);
  if (digits.length > 1 && digits.startsWith('0')) return BigInt(`0o${digits.slice(1)}`);
  return BigInt(digits);
}
