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

    it(`should read as a reply: the tree, whether a real task gets there, and the fix as C: ${file}`, () => {
      const read = readCounterexampleDoc(readFileSync(file, 'utf8'), file);
      if (!read.ok) throw new Error(`${file} does not read`);
      const doc = read.value;
      const replies = counterexampleText(doc, file).split(`\n${'-'.repeat(MAIL_WIDTH)}\n`);
      expect(replies).toHaveLength(doc.violations.length);
      for (const [i, v] of doc.violations.entries()) {
        const reply = replies[i] ?? '';
        const joined = reply.replace(/\s+/g, ' ');
        for (const t of doc.readIn ?? []) expect(joined).toContain(t.split(' ')[1] ?? t);
        expect(doc.readIn?.length).toBeGreaterThan(0);
        if (v.path !== null)
          expect(reply).toMatch(/^ {2}(Reachable: a real task gets here|Latent: no real task)/m);
        expect(v.fixes !== undefined || v.noFix !== undefined, 'the pin carries its fix search').toBe(true);
        const fix = v.fixes?.[0];
        if (fix !== undefined) {
          for (const e of fix.edits)
            expect(joined).toContain(`--edit '${e.length <= 60 ? e : `${e.split('=')[0]}=...`}'`);
          for (const d of fix.definitions) {
            expect(reply).toMatch(new RegExp(`^ {2}-#define ${d.mask}\\b`, 'm'));
            expect(reply).toMatch(new RegExp(`^ {2}\\+#define ${d.mask}\\b`, 'm'));
          }
        } else expect(joined).toContain('No mask fix:');
        if (doc.explanation !== undefined) expect(reply).toContain('Why: ');
        // Citations name what a reader can open: no file of this project's ../shared.
        expect(reply).not.toMatch(/\d{3}_[0-9a-f]{16}\.txt|kernel-facts\.md/);
        expect(reply).not.toMatch(/\blasso\b/);
      }
    });
  }
});
