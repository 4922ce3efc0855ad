import { describe, expect, it } from 'vitest';
import { agreementOnMutants } from './mutantAgreement.js';

/**
 * Self-validation (one file per kernel, so that vitest runs them side by side): fast-check at its
 * default runs and the exhaustive search give the same verdicts on every single-flag mask edit
 * of v3.18's exit paths. A disagreement is a fuzzer miss (or an engine bug) to fix, never to filter.
 */
describe('fast-check and the exhaustive search on the mask mutants of v3.18', () => {
  // A minute or two: both engines on every mutant, all four paths.
  it('should agree on every mutant', { timeout: 600_000 }, () => {
    const a = agreementOnMutants('v3.18');
    // Every flag of the kernel added to or removed from each of the four masks.
    expect(a.mutants).toBe(96);
    // The mutants are not all harmless: the agreement is about something.
    expect(a.broken).toBeGreaterThan(0);
    expect(a.disagreements).toEqual([]);
  });
});
