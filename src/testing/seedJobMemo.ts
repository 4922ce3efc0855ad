import { readFileSync } from 'node:fs';
import { deserialize } from 'node:v8';
import { PROPERTIES } from '../../properties/registry.js';
import { remember } from '../check/jobMemo.js';
import type { CheckResult } from '../check/result.js';
import { kernelSubject } from '../check/subject.js';
import { DEFAULT_OPTIONS } from '../check/verify.js';
import { unwrap } from '../flags/errors.js';
import { isKernelId } from '../kernels/kernelId.js';
import { getKernel } from '../kernels/registry.js';

/**
 * A setup file of every test worker: the global setup verified every kernel by default (its paths
 * one job each, in worker threads); those jobs' results go into this worker's job memo
 * (check/jobMemo.ts), so a test that runs `verify --kernel ID` with the default options is
 * answered as the same job in the same thread would be. Once per worker.
 */
const SEEDED = Symbol.for('tifcheck.seededJobMemo');
const flags = globalThis as { [SEEDED]?: true };
const file = process.env.TIFCHECK_VERIFIED;
if (flags[SEEDED] === undefined && file !== undefined) {
  flags[SEEDED] = true;
  const verified = deserialize(readFileSync(file)) as Record<string, CheckResult[]>;
  const properties = Object.values(PROPERTIES);
  for (const [id, results] of Object.entries(verified)) {
    if (!isKernelId(id)) continue;
    const input = unwrap(kernelSubject(getKernel(id)), id).input;
    for (const path of input.behaviour.paths)
      remember(
        { input, path, properties, options: DEFAULT_OPTIONS },
        results.filter((r) => r.path === path),
      );
  }
}
