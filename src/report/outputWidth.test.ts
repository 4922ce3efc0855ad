import { describe, expect, it } from 'vitest';
import { main } from '../cli/main.js';
import { memoryIo } from '../cli/testing/memoryIo.js';
import { fitLines } from './fit.js';

/**
 * Issue 20: verify and diff fit the terminal they print to (80 columns when it is not one), as
 * explain does (explainWidth.test.ts): a table too wide for it uses path codes and marks with a
 * legend, and a longer line breaks and goes on indented; no word is lost.
 */
const run = (argv: readonly string[], columns: number): string => {
  const cap = memoryIo({});
  main(argv, { ...cap.io, columns });
  return cap.out();
};

const CASES = [
  ['verify', '--kernel', 'v3.13', '--no-fixes', '--events', 'none'],
  ['verify', '--kernel', 'v7.1', '--path', 'interrupt-exit', '--events', 'none'],
  ['diff', '--base', 'v3.14', '--edit', '_TIF_WORK_MASK-=NEED_RESCHED', '--path', 'paranoid-exit'],
  ['diff', '--base', 'v3.16', '--proposed', 'v3.18', '--path', 'interrupt-exit'],
];

describe('verify and diff at 80 and 120 columns', () => {
  for (const argv of CASES) {
    it(`should fit ${argv.join(' ')}`, () => {
      for (const columns of [80, 120]) {
        const text = run(argv, columns);
        expect(text.split('\n').filter((l) => l.length > columns)).toEqual([]);
        expect(text.length).toBeGreaterThan(200);
      }
    });
  }

  it('should keep the words of the wide output, the table aside', () => {
    const argv = ['verify', '--kernel', 'v7.1', '--path', 'interrupt-exit', '--no-fixes', '--events', 'none'];
    // A command broken for the width ends its lines in a shell's ` \`.
    const words = (t: string) => t.replace(/ \\\n/g, ' ').replace(/\s+/g, '');
    expect(words(run(argv, 80))).toBe(words(run(argv, 100_000)));
  });

  it('should print the table with path codes and a legend where the names do not fit', () => {
    const narrow = run(['verify', '--kernel', 'v3.13', '--no-fixes', '--events', 'none'], 80);
    expect(narrow).toMatch(/^ +class +sx +ix +ex +px +sc$/m);
    expect(narrow).toMatch(/^exit-terminates +bug +X +\. +\. +\. +\.$/m);
    expect(narrow).toContain(
      'a cell: . holds, X violated, - does not apply\npaths: sx syscall-exit, ix interrupt-exit',
    );
    const wide = run(['verify', '--kernel', 'v3.13', '--no-fixes', '--events', 'none'], 160);
    expect(wide).toMatch(/^exit-terminates +bug +VIOLATED +holds/m);
  });

  it('should break a command only between its arguments, so that it still runs when pasted', () => {
    const cmd =
      "  npx tifcheck explain --tree /some/kernel/clone --rev v7.1.3 --edit 'A_MASK+=B' --path interrupt-exit --flags X,Y";
    const lines = fitLines([cmd], 50);
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.slice(0, -1).every((l) => l.endsWith(' \\'))).toBe(true);
    expect(lines.every((l) => l.length <= 50)).toBe(true);
    expect(lines.join('\n').replace(/ \\\n\s+/g, ' ')).toBe(cmd);
    expect(lines.some((l) => l.includes("--edit 'A_MASK+=B'"))).toBe(true);
  });
});
