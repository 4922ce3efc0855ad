import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { decompose, recompose } from './decompose.js';
import { applyEdit, applyEdits, type Edit, parseEdit } from './edit.js';
import { unwrap } from './errors.js';
import { binary, constant, flag, not } from './expr.js';
import { makeFlagTable } from './flagTable.js';
import { formatFlags, hex32 } from './format.js';
import { evaluateMasks, type MaskDef, type MaskSet } from './maskSet.js';
import { printExpr } from './print.js';
import { parseExpr, type Scope } from './resolve.js';
import { flagTableArb, maskWorldArb } from './testing/arbitraries.js';

const scopeFor = (masks: MaskSet): Scope => ({
  lookup: (n) => {
    if (masks.has(n)) return { kind: 'mask', name: n };
    if (n.startsWith('_TIF_F')) return { kind: 'flag', word: 'flags', name: n.slice(5) };
    if (n.startsWith('TIF_F')) return { kind: 'bit', word: 'flags', name: n.slice(4) };
    return undefined;
  },
});

describe('printExpr / parseExpr', () => {
  test.prop([maskWorldArb])(
    'should round-trip print -> parse -> evaluate to the same values',
    ({ table, masks }) => {
      const before = unwrap(evaluateMasks(masks, { flags: table }), 'world');
      const reparsed = new Map<string, MaskDef>();
      for (const [name, def] of masks) {
        const text = printExpr(def.expr);
        const expr = parseExpr(
          { text, whereAt: () => ({ kind: 'argument', argument: text }) },
          scopeFor(masks),
        );
        reparsed.set(name, { ...def, expr });
      }
      expect(unwrap(evaluateMasks(reparsed, { flags: table }), 'reparsed')).toEqual(before);
    },
  );

  it('should keep bit 31 unsigned', () => {
    const t = unwrap(makeFlagTable('flags', [{ name: 'TOP', bit: 31 }]), 't');
    const masks = new Map([
      ['_TIF_A', { name: '_TIF_A', word: 'flags' as const, expr: binary('|', flag('TOP'), constant(1)) }],
    ]);
    expect(unwrap(evaluateMasks(masks, { flags: t }), 'e').get('_TIF_A')).toBe(0x80000001);
    const neg = new Map([['_TIF_B', { name: '_TIF_B', word: 'flags' as const, expr: not(constant(0)) }]]);
    expect(unwrap(evaluateMasks(neg, { flags: t }), 'e').get('_TIF_B')).toBe(0xffffffff);
  });

  it('should write nested operators with parentheses, as the kernel does', () => {
    const e = binary('|', binary('&', constant(0xffff), not(flag('SECCOMP'))), flag('NOHZ'));
    expect(printExpr(e)).toBe('(0x0000FFFF & ~_TIF_SECCOMP) | _TIF_NOHZ');
  });
});

describe('decompose', () => {
  test.prop([flagTableArb, fc.integer({ min: 0, max: 0xffffffff })])(
    'should recompose to the value it decomposed',
    (table, v) => {
      expect(recompose(decompose(v, table), table)).toBe(v);
    },
  );

  test.prop([flagTableArb, fc.integer({ min: 0, max: 0xffffffff })])(
    'should list a flag exactly when its bit is set, and leave only undefined bits unnamed',
    (table, v) => {
      const d = decompose(v, table);
      for (const f of table.flags) expect(d.flags.includes(f.name)).toBe(((v >>> f.bit) & 1) === 1);
      expect(d.unnamed & table.definedBits).toBe(0);
    },
  );

  it('should format named flags in bit order, then the unnamed bits', () => {
    const t = unwrap(
      makeFlagTable('flags', [
        { name: 'A', bit: 1 },
        { name: 'B', bit: 12 },
      ]),
      't',
    );
    expect(formatFlags(0xe202 | 0x1000, t)).toBe('A|B|0xe200');
    expect(formatFlags(0, t)).toBe('0');
    expect(hex32(0xfe2e)).toBe('0x0000fe2e');
  });
});

describe('applyEdits', () => {
  const editArb = (names: readonly string[], masks: readonly string[]) =>
    fc
      .tuple(fc.constantFrom(...masks), fc.constantFrom('+=', '-='), fc.constantFrom(...names))
      .map(([m, op, f]) => unwrap(parseEdit(`${m}${op}${f}`), 'edit'));

  const worldWithEdits = maskWorldArb.chain((w) =>
    fc
      .array(
        editArb(
          w.table.flags.map((f) => f.name),
          [...w.masks.keys()],
        ),
        { maxLength: 6 },
      )
      .map((edits) => ({ ...w, edits })),
  );

  test.prop([worldWithEdits])('should equal applying the edits one at a time', ({ table, masks, edits }) => {
    const all = unwrap(applyEdits(masks, { flags: table }, edits), 'all');
    const oneByOne = edits.reduce<MaskSet>((m, e) => unwrap(applyEdit(m, { flags: table }, e), 'one'), masks);
    expect(unwrap(evaluateMasks(all, { flags: table }), 'a')).toEqual(
      unwrap(evaluateMasks(oneByOne, { flags: table }), 'b'),
    );
  });

  test.prop([worldWithEdits])(
    'should set or clear exactly the named bit of the edited mask',
    ({ table, masks, edits }) => {
      let current = masks;
      for (const e of edits as Edit[]) {
        if (e.kind === 'set') continue;
        const before = unwrap(evaluateMasks(current, { flags: table }), 'before').get(e.mask) ?? 0;
        current = unwrap(applyEdit(current, { flags: table }, e), 'edit');
        const after = unwrap(evaluateMasks(current, { flags: table }), 'after').get(e.mask) ?? 0;
        const bitValue = (1 << (table.bitOf.get(e.flag) ?? 0)) >>> 0;
        expect(after).toBe(e.kind === 'add' ? (before | bitValue) >>> 0 : (before & ~bitValue) >>> 0);
      }
    },
  );

  test.prop([maskWorldArb])(
    'should restore a mask after += then -= of a flag it lacked',
    ({ table, masks }) => {
      const values = unwrap(evaluateMasks(masks, { flags: table }), 'v');
      const [name, value] = [...values][0] ?? ['', 0];
      const missing = table.flags.find((f) => ((value >>> f.bit) & 1) === 0);
      fc.pre(missing !== undefined);
      const edits = [`${name}+=${missing?.name}`, `${name}-=${missing?.name}`].map((t) =>
        unwrap(parseEdit(t), t),
      );
      const after = unwrap(
        evaluateMasks(unwrap(applyEdits(masks, { flags: table }, edits), 'e'), { flags: table }),
        'a',
      );
      expect(after.get(name)).toBe(value);
    },
  );
});
