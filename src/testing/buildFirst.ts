import { execFileSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { serialize } from 'node:v8';

/**
 * vitest's global setup: compile the library (npm run build) before any test runs, because the
 * tests load the compiled modules (testing/compiledLibrary.ts). A type error fails here, once.
 *
 * Then verify every built-in kernel as the CLI does by default, once, on every core, before the
 * test workers start: many files ask for the same kernels, and testing/seedJobMemo.ts hands these
 * results to each worker's job memo. The file goes when the run ends.
 */
export default async function buildFirst(): Promise<() => void> {
  execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], {
    stdio: 'inherit',
  });
  const file = join(tmpdir(), `tifcheck-verified-${process.pid}.bin`);
  writeFileSync(file, serialize(await verifyEveryKernel()));
  process.env.TIFCHECK_VERIFIED = file;
  return () => rmSync(file, { force: true });
}

/** Every kernel's results under the default options, by id, from the compiled library. */
async function verifyEveryKernel(): Promise<Record<string, unknown>> {
  const load = (path: string) => import(pathToFileURL(join(process.cwd(), 'dist', path)).href);
  const [{ KERNEL_IDS }, { getKernel }, { kernelSubject }, verify, { workerRunner }, { PROPERTIES }] =
    await Promise.all([
      load('src/kernels/kernelId.js'),
      load('src/kernels/registry.js'),
      load('src/check/subject.js'),
      load('src/check/verify.js'),
      load('src/cli/workers/workerPool.js'),
      load('properties/registry.js'),
    ]);
  // A twin (testing/modelTwins.ts) is verified in the full tier, by its own test worker.
  const { MODEL_TWINS } = await import('./modelTwins.js');
  const ids = (KERNEL_IDS as readonly string[]).filter((id) => !(id in MODEL_TWINS));
  const inputs = ids.map((id) => {
    const s = kernelSubject(getKernel(id));
    if (!s.ok) throw new Error(`${id}: ${s.error.message}`);
    return s.value.input;
  });
  const runner = workerRunner(availableParallelism()) ?? verify.IN_PROCESS;
  const results = verify.verifyInputs(
    inputs,
    Object.values(PROPERTIES),
    verify.DEFAULT_OPTIONS,
    undefined,
    runner,
  );
  return Object.fromEntries(ids.map((id, i) => [id, results[i]]));
}
