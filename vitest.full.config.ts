import { configDefaults, defineConfig, mergeConfig } from 'vitest/config';
import quick from './vitest.config.js';

/**
 * `npm run test:full`: the quick tier's tests with all of the self-validation (every single-flag
 * mask mutant of the agreement kernels, the dead-register check on every path), TIFCHECK_TIER=full,
 * and the files only this tier runs (`*.full.test.ts`: the packed package installed and used).
 */
const full = mergeConfig(
  quick,
  defineConfig({
    test: {
      env: { TIFCHECK_TIER: 'full' },
      testTimeout: 1_800_000,
    },
  }),
);
// The quick tier leaves out `*.full.test.ts`; merging would only add to its list, so set it here.
full.test = { ...full.test, exclude: configDefaults.exclude };
export default full;
