import { TEST_SEED } from './fastCheckSetup.js';

/**
 * Which tier of tests runs. `npm test` (the quick tier) checks every invariant on every built-in
 * kernel, every pin and every unit, and a sample of the self-validation; `npm run test:full`
 * (vitest.full.config.ts sets TIFCHECK_TIER=full) runs all of the self-validation.
 */
export const FULL_TIER = process.env.TIFCHECK_TIER === 'full';

/** The tier's name, for test titles: a reader of a failure sees what was sampled. */
export const TIER_NAME = FULL_TIER ? 'full' : `quick, seed ${TEST_SEED}`;

/**
 * All of `items` in the full tier; in the quick tier `n` of them, chosen by the test seed and
 * `salt` (the same ones on every run with that seed; TIFCHECK_SEED picks others), in their order.
 */
export function sampleOf<T>(items: readonly T[], n: number, salt: string): T[] {
  if (FULL_TIER || items.length <= n) return [...items];
  let h = TEST_SEED >>> 0;
  for (let i = 0; i < salt.length; i++) h = Math.imul(h ^ salt.charCodeAt(i), 0x01000193) >>> 0;
  // mulberry32: small, and the same numbers on every platform.
  const next = (): number => {
    h = (h + 0x6d2b79f5) >>> 0;
    let t = h;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
  const picked = new Set<number>();
  while (picked.size < n) picked.add(Math.floor(next() * items.length));
  return items.filter((_, i) => picked.has(i));
}
