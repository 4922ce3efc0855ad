import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { decompose, recompose } from '../decompose.js';
import { readHeader } from './readHeader.js';
import { ERA3_HEADER, ERA6_HEADER } from './testing/headers.js';

// Pieces of real header syntax, so random texts reach deep into the reader rather than failing at once.
const PIECES = [
  '#',
  '# ',
  'define ',
  'undef ',
  'if ',
  'ifdef ',
  'ifndef ',
  'elif ',
  'else',
  'endif',
  'include <x.h>',
  'error ',
  '\n',
  '\r\n',
  '\\\n',
  '\\',
  '/*',
  '*/',
  '//',
  '"',
  "'",
  '(',
  ')',
  '|',
  '&',
  '~',
  '<<',
  '>>',
  '+',
  '!',
  '?',
  ':',
  ',',
  ' ',
  '\t',
  'TIF_A ',
  '_TIF_A ',
  'TIF_B ',
  '_TIF_B ',
  '_TIF_M ',
  '_TIF_N ',
  'BIT(',
  'defined ',
  'CONFIG_X86_64',
  '__ASSEMBLY__',
  '0',
  '1',
  '31',
  '32',
  '0x0000FFFF',
  '99999999999',
  'IS_ENABLED(',
  '1 << TIF_A',
  '#define _TIF_M ',
];

const randomHeader = fc.array(fc.constantFrom(...PIECES), { maxLength: 80 }).map((p) => p.join(''));

type Mutation = { at: number; kind: 'delete' | 'insert' | 'replace'; len: number; piece: string };
const mutationArb = fc.record({
  at: fc.nat(),
  kind: fc.constantFrom<'delete' | 'insert' | 'replace'>('delete', 'insert', 'replace'),
  len: fc.integer({ min: 1, max: 40 }),
  piece: fc.constantFrom(...PIECES),
});

function mutate(text: string, ms: readonly Mutation[]): string {
  let t = text;
  for (const m of ms) {
    const at = m.at % (t.length + 1);
    if (m.kind === 'delete') t = t.slice(0, at) + t.slice(at + m.len);
    else if (m.kind === 'insert') t = t.slice(0, at) + m.piece + t.slice(at);
    else t = t.slice(0, at) + m.piece + t.slice(at + m.piece.length);
  }
  return t;
}

const mutatedHeader = fc
  .tuple(fc.constantFrom(ERA3_HEADER, ERA6_HEADER), fc.array(mutationArb, { minLength: 1, maxLength: 6 }))
  .map(([base, ms]) => mutate(base, ms));

/** The reader's contract on any text: a Result, never an exception; a failure says where. */
function checkContract(text: string): void {
  const r = readHeader(text, 'fuzz.h');
  if (!r.ok) {
    expect(r.error.kind).toBe('input-error');
    expect(r.error.where?.kind).toBe('file');
    if (r.error.code !== 'no-masks') {
      expect(r.error.where).toMatchObject({
        file: 'fuzz.h',
        line: expect.any(Number),
        column: expect.any(Number),
      });
    }
    expect(r.error.message.includes('\n')).toBe(false);
    return;
  }
  for (const v of r.value.values.values()) {
    expect(Number.isInteger(v) && v >= 0 && v <= 0xffffffff).toBe(true);
    expect(recompose(decompose(v, r.value.tables.flags), r.value.tables.flags)).toBe(v);
  }
}

describe('readHeader under fuzzing', () => {
  test.prop([randomHeader], { numRuns: 1000 })(
    'should return a typed result with a position for random texts',
    checkContract,
  );
  test.prop([mutatedHeader], { numRuns: 1000 })(
    'should return a typed result with a position for mutated headers',
    checkContract,
  );
  test.prop([fc.string({ unit: 'binary', maxLength: 400 })], { numRuns: 300 })(
    'should return a typed result for arbitrary unicode text',
    checkContract,
  );
});
