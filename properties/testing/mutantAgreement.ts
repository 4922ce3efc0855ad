import { describe, expect, it } from 'vitest';
import { type MaskMutant, maskMutants } from '../../src/check/maskEdits.js';
import type { PathProperty } from '../../src/check/property.js';
import type { Subject } from '../../src/check/subject.js';
import { DEFAULT_OPTIONS, verifyContext } from '../../src/check/verify.js';
import type { KernelId } from '../../src/kernels/kernelId.js';
import type { PathId } from '../../src/kernels/pathId.js';
import { getKernel } from '../../src/kernels/registry.js';
import { makeContext } from '../../src/model/context.js';
import { FULL_TIER, sampleOf, TIER_NAME } from '../../src/testing/tier.js';
import { PROPERTIES } from '../registry.js';

/** The asm-era return paths whose masks the mutants edit. */
export const EXIT_PATHS: readonly PathId[] = [
  'syscall-exit',
  'interrupt-exit',
  'exception-exit',
  'paranoid-exit',
];

export interface Agreement {
  readonly mutants: number;
  /** Mutants the exhaustive search finds some violation on. */
  readonly broken: number;
  /**
   * `EDIT: exhaustive [..] fast-check [..] expected [..]` wherever the verdicts differ: the two
   * engines, and where `expected` is given, the verdicts worked out without the model.
   */
  readonly disagreements: readonly string[];
}

/** Verdicts worked out without running the model (`property@path`, sorted), for a subject. */
export type Expected = (subject: Subject) => readonly string[];

/**
 * Both engines, each at its defaults (fast-check: DEFAULT_RUNS random runs after the small scope,
 * seed DEFAULT_SEED), on every single-flag edit of every mask the given paths test (by default the
 * asm-era exit paths): the violated property@path sets must be equal.
 */
export function agreementOnMutants(
  id: KernelId,
  paths: readonly PathId[] = EXIT_PATHS,
  expected?: Expected,
  pick: (mutants: readonly MaskMutant[]) => readonly MaskMutant[] = (all) => all,
): Agreement {
  const props = Object.values(PROPERTIES).filter((p): p is PathProperty => p.kind === 'path');
  const mutants = pick(maskMutants(getKernel(id), paths).mutants);
  let broken = 0;
  const disagreements: string[] = [];
  for (const m of mutants) {
    const ctx = makeContext(m.subject.input);
    const violated = (method: 'exhaustive' | 'fast-check') =>
      verifyContext(ctx, props, { ...DEFAULT_OPTIONS, method, paths })
        .filter((r) => r.verdict === 'violated')
        .map((r) => `${r.property}@${r.path}`)
        .sort();
    const ex = violated('exhaustive');
    const fc = violated('fast-check');
    const exp = expected?.(m.subject) ?? ex;
    if (ex.length > 0) broken++;
    if (ex.join(' ') !== fc.join(' ') || ex.join(' ') !== exp.join(' '))
      disagreements.push(
        `${m.edit}: exhaustive [${ex.join(' ')}] fast-check [${fc.join(' ')}]${expected === undefined ? '' : ` expected [${exp.join(' ')}]`}`,
      );
  }
  return { mutants: mutants.length, broken, disagreements };
}

/**
 * The mutants the quick tier checks: a few the rules say break a property and a few they say
 * break none, chosen by the test seed (testing/tier.ts), so that the sample is never all
 * harmless; all of them in the full tier.
 */
export function mutantSample(
  id: KernelId,
  expected: Expected | undefined,
  each: number,
): (mutants: readonly MaskMutant[]) => MaskMutant[] {
  return (mutants) => {
    if (FULL_TIER || expected === undefined) return sampleOf(mutants, 2 * each, `agreement ${id}`);
    const breaking = mutants.filter((m) => expected(m.subject).length > 0);
    const harmless = mutants.filter((m) => expected(m.subject).length === 0);
    const chosen = new Set([
      ...sampleOf(breaking, each, `agreement ${id} breaking`),
      ...sampleOf(harmless, each, `agreement ${id} harmless`),
    ]);
    return mutants.filter((m) => chosen.has(m));
  };
}

/**
 * The agreement test for one kernel (one test file per kernel, so that vitest runs them side by
 * side). `mutants` is the number of edits: every flag of the kernel added to or removed from each
 * mask the paths test.
 */
export function describeAgreement(
  id: KernelId,
  mutants: number,
  paths: readonly PathId[] = EXIT_PATHS,
  expected?: Expected,
): void {
  const who =
    expected === undefined
      ? 'fast-check and the exhaustive search'
      : 'fast-check, the exhaustive search and the expected verdicts';
  describe(`${who} on the mask mutants of ${id} (${paths.join(', ')})`, () => {
    it(`should count ${mutants} mutants`, () => {
      expect(maskMutants(getKernel(id), paths).mutants.length).toBe(mutants);
    });
    // Minutes for all of them (the full tier): both engines on every mutant.
    it(`should agree on every mutant (${TIER_NAME})`, { timeout: 1_800_000 }, () => {
      // A whole syscall's mutant costs ten of an exit path's: one of each kind there, two here.
      const each = paths.includes('syscall') ? 1 : 2;
      const a = agreementOnMutants(id, paths, expected, mutantSample(id, expected, each));
      if (FULL_TIER) expect(a.mutants).toBe(mutants);
      // The mutants are not all harmless: the agreement is about something.
      expect(a.broken).toBeGreaterThan(0);
      expect(a.disagreements).toEqual([]);
    });
  });
}
