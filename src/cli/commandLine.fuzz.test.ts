import { readFileSync } from 'node:fs';
import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { ERA3_HEADER, ERA6_HEADER, newFlagHeader } from '../flags/header/testing/headers.js';
import { main } from './main.js';
import { memoryIo } from './testing/memoryIo.js';

/**
 * The whole command line in-process, on random arguments, headers, edits and report files (issue
 * 18): every run ends with status 0, 1 or 2, never reaches `internal error:` (kept for true bugs),
 * and writes nothing outside --out. Seeded like every property (testing/fastCheckSetup.ts).
 */

const REPORT = readFileSync('counterexamples/v3.14/mask-dead-bits.json', 'utf8');

/** Tricky pieces spliced into a header: directives, markers, control bytes, deep operators. */
const HEADER_PIECES = [
  '#if 1\n',
  '#endif\n',
  '#else\n',
  '<<<<<<< HEAD\n',
  '=======\n',
  '\0',
  '\u001b[2J',
  '\r',
  '(',
  ')',
  ' | ',
  '~',
  'BIT(',
  '#define BIT(nr) (3 << (nr))\n',
  '#define TIF_UPROBE 13\n',
  '#define _TIF_WORK_MASK 0\n',
  '\\\n',
  '/*',
  '_TIF_NOPE',
  '1 << 40',
];

const header = fc
  .tuple(
    fc.constantFrom(ERA3_HEADER, ERA6_HEADER, newFlagHeader(false)),
    fc.array(fc.tuple(fc.nat(), fc.constantFrom(...HEADER_PIECES)), { maxLength: 4 }),
  )
  .map(([text, cuts]) =>
    cuts.reduce((t, [at, piece]) => {
      const i = at % (t.length + 1);
      return t.slice(0, i) + piece + t.slice(i);
    }, text),
  );

/** A pinned report with one field, anywhere in it, set to a strange value. */
const report = fc
  .tuple(fc.nat(), fc.constantFrom(null, 5, -1, 1e12, 'x', [], {}, [null], true))
  .map(([at, value]) => {
    const doc = JSON.parse(REPORT);
    const slots: [Record<string, unknown>, string][] = [];
    const walk = (o: unknown): void => {
      if (o === null || typeof o !== 'object') return;
      for (const [k, v] of Object.entries(o)) {
        slots.push([o as Record<string, unknown>, k]);
        walk(v);
      }
    };
    walk(doc);
    const [obj, key] = slots[at % slots.length] ?? [doc, 'kernel'];
    obj[key] = value;
    return JSON.stringify(doc);
  });

const WORDS = [
  'v3.13',
  'v3.14',
  'v6.14',
  'v4.4',
  'v9.9',
  'h.h',
  'r.json',
  'missing.h',
  '',
  'interrupt-exit',
  'paranoid-exit',
  'exit-terminates',
  'UPROBE',
  'FOO=none',
  '_TIF_WORK_MASK+=UPROBE',
  '_TIF_WORK_MASK-=NOPE',
  '_TIF_WORK_MASK=(',
  `_TIF_WORK_MASK=${Array(2100).fill('_TIF_UPROBE').join('|')}`,
  'lint',
  '3',
  '0',
  '-1',
  '\u001b',
];

const OPTIONS = [
  '--kernel',
  '--header',
  '--paths',
  '--edit',
  '--property',
  '--flag-work',
  '--fail-on',
  '--format',
  '--json',
  '--flags',
  '--events',
  '--runs',
  '--seed',
  '--out',
  '--base',
  '--proposed',
  '--nope',
];

// verify and diff pick one cheap path and skip the fix search, so that a run stays short.
const argv = fc
  .tuple(
    fc.constantFrom('masks', 'verify', 'diff', 'explain', 'replay', 'facts', 'list', 'bogus'),
    fc.array(fc.oneof(fc.constantFrom(...OPTIONS), fc.constantFrom(...WORDS)), { maxLength: 8 }),
  )
  .map(([command, rest]) =>
    command === 'verify'
      ? [command, ...rest.filter((w) => w !== '--path'), '--path', 'interrupt-exit', '--no-fixes']
      : command === 'diff'
        ? [command, ...rest, '--path', 'interrupt-exit']
        : command === 'explain'
          ? [command, ...rest, '--path', 'interrupt-exit']
          : [command, ...rest],
  );

describe('the whole command line on random input', () => {
  test.prop([argv, header, report], { numRuns: 100 })(
    'should end with 0, 1 or 2, no internal error and no write outside --out',
    (args, h, r) => {
      const cap = memoryIo({ 'h.h': h, 'r.json': r });
      const code = main(args, cap.io);
      expect([0, 1, 2]).toContain(code);
      expect(cap.errText()).not.toContain('internal error');
      const out = args[args.indexOf('--out') + 1];
      const written = Object.keys(cap.files).filter((f) => f !== 'h.h' && f !== 'r.json');
      for (const f of written) expect(out !== undefined && f.startsWith(`${out}/`), f).toBe(true);
    },
  );

  it('should refuse an --edit of thousands of terms with a located error, not a stack overflow', () => {
    const cap = memoryIo();
    const edit = `_TIF_WORK_MASK=${Array(10_000).fill('_TIF_UPROBE').join('|')}`;
    expect(main(['verify', '--kernel', 'v3.13', '--edit', edit], cap.io)).toBe(2);
    expect(cap.errText()).toContain('expression has more than 2000 tokens');
  });
});
