import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { reproduceCommands } from './counterexampleMarkdown.js';
import { counterexampleText, MAIL_WIDTH } from './counterexampleText.js';
import { readCounterexampleDoc } from './readReport.js';

const pinned = readdirSync('counterexamples', { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .flatMap((d) =>
    readdirSync(`counterexamples/${d.name}`)
      .filter((f) => f.endsWith('.json'))
      .map((f) => `counterexamples/${d.name}/${f}`),
  );

/** The plain-text form is for a mailing-list reply: it must fit and paste, whatever it reports. */
describe('the plain-text report of every pinned counterexample', () => {
  it('should cover the pinned reports', () => {
    expect(pinned.length).toBeGreaterThan(10);
  });
  for (const file of pinned) {
    it(`should fit in ${MAIL_WIDTH} columns without markup, with the flags, the trace and a command that pastes whole: ${file}`, () => {
      const read = readCounterexampleDoc(readFileSync(file, 'utf8'), file);
      if (!read.ok) throw new Error(`${file} does not read`);
      const doc = read.value;
      const text = counterexampleText(doc, file);
      const lines = text.split('\n');
      expect(lines.filter((l) => l.length > MAIL_WIDTH)).toEqual([]);
      expect(text).not.toMatch(/```|\|---|^#/m);
      for (const v of doc.violations) {
        const c = v.counterexample;
        expect(text).toContain(c.flags.length === 0 ? 'ti->flags: none' : c.flags.join('|'));
        for (const e of c.trace) expect(text).toContain(e.label);
        // The reproduce line, its continuations joined, is the command the Markdown report gives.
        const command = reproduceCommands(doc, v, file)[0] ?? '';
        expect(text.replace(/ \\\n {6}/g, ' ')).toContain(`$ ${command}`);
      }
    });
  }
});
