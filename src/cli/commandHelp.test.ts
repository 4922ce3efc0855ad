import { describe, expect, it } from 'vitest';
import { parseOptions } from './args.js';
import { commandHelp, undescribedOptions } from './commandHelp.js';
import { SPEC as DIFF } from './commands/diff.js';
import { SPEC as EXPLAIN } from './commands/explain.js';
import { SPEC as FACTS } from './commands/facts.js';
import { SPEC as HISTORY } from './commands/history.js';
import { SPEC as MASKS } from './commands/masks.js';
import { SPEC as VERIFY } from './commands/verify.js';
import { main } from './main.js';
import { memoryIo } from './testing/memoryIo.js';

const SPECS = { masks: MASKS, verify: VERIFY, diff: DIFF, explain: EXPLAIN, facts: FACTS, history: HISTORY };

/** `tifcheck COMMAND --help` (issue 20): made from the table that parses the options, so they agree. */
describe('per-command help', () => {
  it('should fit the whole usage text in 80 columns too', () => {
    const cap = memoryIo();
    expect(main(['help'], cap.io)).toBe(0);
    expect(
      cap
        .out()
        .split('\n')
        .filter((l) => l.length > 80),
    ).toEqual([]);
  });

  it('should describe every option every command parses', () => {
    expect(undescribedOptions()).toEqual([]);
  });

  for (const [command, spec] of Object.entries(SPECS)) {
    it(`should print ${command}'s options in 80 columns, with an example that parses`, () => {
      const cap = memoryIo();
      expect(main([command, '--help'], cap.io)).toBe(0);
      const text = cap.out();
      expect(text.split('\n').filter((l) => l.length > 80)).toEqual([]);
      for (const name of Object.keys(spec)) expect(text).toContain(`--${name}`);
      const example = /example:\n {2}tifcheck (\S+) (.*)\n/.exec(text);
      expect(example?.[1]).toBe(command);
      const args = (example?.[2] ?? '').split(' ').map((a) => a.replace(/^'(.*)'$/, '$1'));
      expect(parseOptions(command, args, spec).ok).toBe(true);
      expect(commandHelp(command)).toBe(text);
    });
  }
});
