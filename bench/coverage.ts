import { PROPERTIES } from '../properties/registry.js';
import { domainOf } from '../src/check/domain.js';
import { searchPath } from '../src/check/fastCheckSearch.js';
import type { PathProperty } from '../src/check/property.js';
import { DEFAULT_OPTIONS, verifyContext } from '../src/check/verify.js';
import type { KernelId } from '../src/kernels/kernelId.js';
import { getKernel } from '../src/kernels/registry.js';
import { makeContext } from '../src/model/context.js';
import { contextOfKernel } from '../src/model/fromKernel.js';
import { machineFor } from '../src/model/machines/registry.js';

export interface CoverageRow {
  readonly kernel: string;
  readonly path: string;
  /** A property that holds on the path, so that its search runs to the end. */
  readonly property: string;
  readonly judged: number;
  /** Each flag of the path's domain (and any other set in some run): the share of runs it was set in. */
  readonly flags: readonly { readonly flag: string; readonly share: number }[];
}

/**
 * fast-check's flag coverage at the default seed and runs: per path, how many of the judged runs
 * had each flag set at some step (initially or by an event). A flag near 0% is one the fuzzer
 * says little about.
 */
export function benchCoverage(kernels: readonly KernelId[]): CoverageRow[] {
  const rows: CoverageRow[] = [];
  for (const id of kernels) {
    const k = getKernel(id);
    const input = contextOfKernel(k).input;
    const results = verifyContext(makeContext(input), Object.values(PROPERTIES), DEFAULT_OPTIONS);
    for (const path of k.behaviour.paths) {
      const machine = machineFor(k.behaviour.exitModel, path);
      const holding = results.find((r) => r.path === path && r.verdict === 'holds');
      const prop = holding && PROPERTIES[holding.property];
      if (machine === undefined || prop === undefined || prop.kind !== 'path') continue;
      const ctx = makeContext(input, path);
      const domain = domainOf(ctx, machine, false);
      const out = searchPath(machine, ctx, prop as PathProperty, domain, {
        seed: DEFAULT_OPTIONS.seed,
        numRuns: DEFAULT_OPTIONS.runs,
      });
      const { judged, setIn } = out.coverage;
      const flags = setIn
        .map((n, bit) => ({ bit, n }))
        .filter(({ bit, n }) => n > 0 || (domain.value >>> bit) & 1)
        .map(({ bit, n }) => ({ flag: ctx.fmt((1 << bit) >>> 0), share: judged === 0 ? 0 : n / judged }));
      rows.push({ kernel: id, path, property: prop.id, judged, flags });
    }
  }
  return rows;
}
