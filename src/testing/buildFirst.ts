import { execFileSync } from 'node:child_process';

/**
 * vitest's global setup: compile the library (npm run build) before any test runs, because the
 * tests load the compiled modules (testing/compiledLibrary.ts). A type error fails here, once.
 */
export default function buildFirst(): void {
  execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], {
    stdio: 'inherit',
  });
}
