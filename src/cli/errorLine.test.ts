import { describe, expect, it } from 'vitest';
import { fitErrorLine } from './errorLine.js';
import { main } from './main.js';
import { memoryIo } from './testing/memoryIo.js';

describe('error lines', () => {
  it('should cut a list of known names to the width, saying how many more and where', () => {
    const line = `tifcheck: --events x@1: unknown event x; known: ${'abcdef '.repeat(30).trim()}`;
    const fit = fitErrorLine(line, 80);
    expect(fit.length).toBeLessThanOrEqual(80);
    expect(fit).toMatch(/^tifcheck: --events x@1: unknown event x; known: abcdef /);
    expect(fit).toMatch(/ \+\d+ \(tifcheck list\)$/);
    const kept = fit.match(/abcdef/g)?.length ?? 0;
    expect(Number(fit.match(/\+(\d+)/)?.[1]) + kept).toBe(30);
    const narrow = fitErrorLine(line, 60);
    expect(narrow).toBe('tifcheck: --events x@1: unknown event x; known: see tifcheck list');
    expect(fitErrorLine('tifcheck: short', 80)).toBe('tifcheck: short');
  });

  it("should keep a long line whole when it has no list to cut (a file name is the user's)", () => {
    const line = `tifcheck: /${'d/'.repeat(60)}thread_info.h:3: syntax error`;
    expect(fitErrorLine(line, 80)).toBe(line);
  });

  it('should print an unknown event on one line, its list cut to the terminal width', () => {
    const argv = ['explain', '--kernel', 'v6.14', '--path', 'interrupt-exit', '--flags', 'SIGPENDING'];
    const line = (columns: number): string => {
      const cap = memoryIo({});
      expect(main([...argv, '--events', 'nosuch@1'], { ...cap.io, columns })).toBe(2);
      const lines = cap.errText().trimEnd().split('\n');
      expect(lines).toHaveLength(1);
      return lines[0] ?? '';
    };
    // At 80 columns the place and message alone fill the line: the list goes, its pointer stays.
    expect(line(80)).toMatch(/unknown event nosuch for v6\.14; known: see tifcheck list$/);
    const wide = line(160);
    expect(wide.length).toBeLessThanOrEqual(160);
    expect(wide).toMatch(/known: resched_ipi signal_wake_up .* \+\d+ \(tifcheck list\)$/);
    expect(line(1000)).toMatch(/known: resched_ipi .* regs\.<facts>$/);
  });
});
