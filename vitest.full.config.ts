import { defineConfig, mergeConfig } from 'vitest/config';
import quick from './vitest.config.js';

/**
 * `npm run test:full`: the quick tier's tests with all of the self-validation (every single-flag
 * mask mutant of the agreement kernels, the dead-register check on every path), TIFCHECK_TIER=full.
 */
export default mergeConfig(
  quick,
  defineConfig({
    test: {
      env: { TIFCHECK_TIER: 'full' },
      testTimeout: 1_800_000,
    },
  }),
);
