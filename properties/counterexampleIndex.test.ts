import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PIN_NOTES } from './pinNotes.js';
import { pinIndexMarkdown } from './testing/pinIndex.js';

const README = 'counterexamples/README.md';

/**
 * counterexamples/README.md is an index: one `## kernel/property` section per pinned JSON report,
 * generated from properties/pinNotes.ts (UPDATE_PINS=1 rewrites it).
 */
describe('counterexamples/README.md', () => {
  it('should have exactly one explanation per pinned counterexample', () => {
    const pinned = readdirSync('counterexamples', { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .flatMap((d) =>
        readdirSync(`counterexamples/${d.name}`)
          .filter((f) => f.endsWith('.json'))
          .map((f) => `${d.name}/${f.slice(0, -5)}`),
      )
      .sort();
    expect(Object.keys(PIN_NOTES).sort()).toEqual(pinned);
  });

  it('should be the page generated from the explanations', () => {
    const page = pinIndexMarkdown();
    if (process.env.UPDATE_PINS === '1') writeFileSync(README, page);
    expect(readFileSync(README, 'utf8')).toBe(page);
  });
});
