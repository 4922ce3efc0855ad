import { describe, expect, it } from 'vitest';
import { evaluateMasks } from '../maskSet.js';
import { printExpr } from '../print.js';
import { headerDefines } from './defines.js';
import { type HeaderModel, readHeader } from './readHeader.js';
import { ERA3_HEADER, ERA6_HEADER, newFlagHeader } from './testing/headers.js';

function read(text: string, file: string): HeaderModel {
  const h = readHeader(text, file);
  if (!h.ok) throw new Error(h.error.message);
  return h.value;
}

describe('headerDefines', () => {
  it.each([
    ['era3.h', ERA3_HEADER],
    ['era6.h', ERA6_HEADER],
    ['new.h', newFlagHeader(false)],
  ])('should read back as the same flags and masks (%s)', (file, text) => {
    const h = read(text, file);
    const back = read(headerDefines(h).join('\n'), `${file} (stored)`);
    expect(back.tables.flags.flags).toEqual(h.tables.flags.flags);
    const exprs = (m: HeaderModel) => [...m.masks.values()].map((d) => [d.name, printExpr(d.expr)]);
    expect(exprs(back)).toEqual(exprs(h));
    const values = (m: HeaderModel) => evaluateMasks(m.masks, m.tables);
    expect(values(back)).toEqual(values(h));
    expect(h.masks.size).toBeGreaterThan(2);
  });
});
