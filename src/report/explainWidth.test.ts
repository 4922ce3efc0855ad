import { describe, expect, it } from 'vitest';
import { main } from '../cli/main.js';
import { memoryIo } from '../cli/testing/memoryIo.js';
import { fitLines } from './fit.js';

const CASES = [
  ['--kernel', 'v3.13', '--path', 'syscall-exit', '--flags', 'UPROBE'],
  ['--kernel', 'v4.4', '--path', 'compat-syscall', '--flags', 'SIGPENDING'],
  ['--kernel', 'v7.1', '--path', 'interrupt-exit', '--flags', 'NOTIFY_SIGNAL,HRTIMER_REARM'],
  ['--kernel', 'v6.19', '--path', 'interrupt-exit', '--flags', 'RSEQ', '--events', 'rseq_fault@0'],
];

const explain = (argv: readonly string[], columns: number): string => {
  const cap = memoryIo({});
  main(['explain', ...argv], { ...cap.io, columns });
  return cap.out();
};

/** Issue 20: explain fits the terminal, verdict first, nothing lost to the wrapping. */
describe('explain at 80 and 120 columns', () => {
  for (const argv of CASES) {
    it(`should fit ${argv.join(' ')}`, () => {
      const wide = explain(argv, 100_000);
      for (const columns of [80, 120]) {
        const text = explain(argv, columns);
        const lines = text.split('\n');
        expect(lines.filter((l) => l.length > columns)).toEqual([]);
        expect(lines[1]).toMatch(/^verdict: /);
        // The same words in the same order: only the line breaks and their indents moved.
        expect(text.replace(/\s+/g, '')).toBe(wide.replace(/\s+/g, ''));
      }
    });
  }

  it('should break a long flag list after a |, and indent a step note under its step', () => {
    const flags = Array.from({ length: 12 }, (_, i) => `FLAG_NUMBER_${i}`).join('|');
    const [first, ...rest] = fitLines(
      [`!!  0 label  IRQs off  flags=${flags}`, `        a note ${'word '.repeat(30)}`],
      40,
    );
    expect(first?.startsWith('!!  0 label')).toBe(true);
    expect(rest.every((l) => l.length <= 40)).toBe(true);
    expect(rest.some((l) => /^ {13}FLAG_NUMBER_\d+\|/.test(l))).toBe(true);
    expect(rest.at(-1)?.startsWith('          ')).toBe(true);
  });
});
