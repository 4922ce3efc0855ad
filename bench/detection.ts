import { performance } from 'node:perf_hooks';
import { PROPERTIES } from '../properties/registry.js';
import { domainOf } from '../src/check/domain.js';
import { inputSize, searchPath } from '../src/check/fastCheckSearch.js';
import type { PathProperty } from '../src/check/property.js';
import { DEFAULT_OPTIONS, verifyContext } from '../src/check/verify.js';
import { KERNEL_IDS, type KernelId } from '../src/kernels/kernelId.js';
import { getKernel } from '../src/kernels/registry.js';
import { makeContext } from '../src/model/context.js';
import { contextOfKernel } from '../src/model/fromKernel.js';
import { machineFor } from '../src/model/machines/registry.js';

export interface DetectionRow {
  readonly kernel: string;
  readonly path: string;
  readonly property: string;
  readonly seeds: number;
  readonly found: number;
  /** The seeds that missed, so a miss can be replayed. */
  readonly missed: readonly number[];
  /** Median over the seeds that found it: runs up to the first failure, and the time to the shrunk result. */
  readonly medianRuns: number;
  readonly medianMs: number;
  /** Seeds whose shrunk input is as small (flags, events) as the exhaustive minimum. */
  readonly minimal: number;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? 0 : (s[Math.floor(s.length / 2)] ?? 0);
};

/**
 * fast-check's detection rate for every violation the exhaustive search finds in the built-in
 * kernels: seeds 1..`seeds` at the default runs. A "holds" from fast-check is worth this much.
 */
export function benchDetection(
  seeds: number,
  only?: { kernels?: readonly string[]; properties?: readonly string[] },
): DetectionRow[] {
  const rows: DetectionRow[] = [];
  for (const id of KERNEL_IDS) {
    if (only?.kernels !== undefined && !only.kernels.includes(id)) continue;
    const k = getKernel(id as KernelId);
    const input = contextOfKernel(k).input;
    const results = verifyContext(makeContext(input), Object.values(PROPERTIES), DEFAULT_OPTIONS);
    for (const r of results) {
      const prop = PROPERTIES[r.property];
      if (
        r.verdict !== 'violated' ||
        r.path === null ||
        prop.kind !== 'path' ||
        r.counterexample === undefined
      )
        continue;
      if (only?.properties !== undefined && !only.properties.includes(r.property)) continue;
      const machine = machineFor(k.behaviour.exitModel, r.path);
      if (machine === undefined) continue;
      const ctx = makeContext(input, r.path);
      const domain = domainOf(ctx, machine, false);
      const want = inputSize(r.counterexample.root.flags, r.counterexample.events.length);
      const runs: number[] = [];
      const ms: number[] = [];
      const missed: number[] = [];
      let minimal = 0;
      for (let seed = 1; seed <= seeds; seed++) {
        const t0 = performance.now();
        const out = searchPath(machine, ctx, prop as PathProperty, domain, {
          seed,
          numRuns: DEFAULT_OPTIONS.runs,
        });
        if (!out.violated) {
          missed.push(seed);
          continue;
        }
        ms.push(performance.now() - t0);
        runs.push(out.runs);
        if (inputSize(out.root.flags, out.schedule.length) <= want) minimal++;
      }
      rows.push({
        kernel: id,
        path: r.path,
        property: r.property,
        seeds,
        found: seeds - missed.length,
        missed,
        medianRuns: median(runs),
        medianMs: median(ms),
        minimal,
      });
    }
  }
  return rows;
}
