import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { configDefaults, defineConfig } from 'vitest/config';
import { compiledLibrary } from './src/testing/compiledLibrary.js';

const root = fileURLToPath(new URL('.', import.meta.url));

/**
 * `npm test`, the quick tier: every invariant on every built-in kernel, every pin, every unit and
 * transcript, and a seeded sample of the self-validation (src/testing/tier.ts). The full tier is
 * vitest.full.config.ts. Property runs are seeded (src/testing/fastCheckSetup.ts); no test depends
 * on the clock: the timeout only stops a hang, and is sized for a machine busy with other work.
 */
export default defineConfig({
  plugins: [compiledLibrary(root)],
  test: {
    include: ['src/**/*.test.ts', 'properties/**/*.test.ts', 'bench/**/*.test.ts'],
    // `*.full.test.ts`: checks that only the full tier runs (vitest.full.config.ts).
    exclude: [...configDefaults.exclude, '**/*.full.test.ts'],
    // The compiled library is Node's to load, not vitest's (testing/compiledLibrary.ts).
    server: { deps: { external: [/\/dist\//] } },
    globalSetup: ['src/testing/buildFirst.ts'],
    setupFiles: ['src/testing/fastCheckSetup.ts', 'src/testing/seedJobMemo.ts'],
    testTimeout: 600_000,
    hookTimeout: 600_000,
    // One worker per core (vitest keeps one core free by default, which on two cores is one worker);
    // files share their workers' modules, so a kernel verified for one file is not verified again.
    maxWorkers: availableParallelism(),
    isolate: false,
    // Failures inside the compiled library point at the TypeScript lines.
    execArgv: ['--enable-source-maps'],
  },
});
