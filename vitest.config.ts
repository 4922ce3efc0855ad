import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'properties/**/*.test.ts', 'bench/**/*.test.ts'],
    setupFiles: ['src/testing/fastCheckSetup.ts'],
    // Property runs are seeded (src/testing/fastCheckSetup.ts); no test depends on the clock.
    testTimeout: 120_000,
  },
});
