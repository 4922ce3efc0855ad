import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

/** counterexamples/README.md is an index: one `## kernel/property` paragraph per pinned JSON report. */
describe('counterexamples/README.md', () => {
  it('should have exactly one paragraph per pinned counterexample', () => {
    const pinned = readdirSync('counterexamples', { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .flatMap((d) =>
        readdirSync(`counterexamples/${d.name}`)
          .filter((f) => f.endsWith('.json'))
          .map((f) => `${d.name}/${f.slice(0, -5)}`),
      )
      .sort();
    const headings = [...readFileSync('counterexamples/README.md', 'utf8').matchAll(/^## (\S+)$/gm)]
      .map((m) => m[1])
      .sort();
    expect(headings).toEqual(pinned);
  });
});
