import { performance } from 'node:perf_hooks';
import { PROPERTIES } from '../properties/registry.js';
import { domainOf, withBits } from '../src/check/domain.js';
import { explore } from '../src/check/exhaustive.js';
import type { PathProperty } from '../src/check/property.js';
import type { KernelId } from '../src/kernels/kernelId.js';
import type { PathId } from '../src/kernels/pathId.js';
import { getKernel } from '../src/kernels/registry.js';
import { makeContext } from '../src/model/context.js';
import { contextOfKernel } from '../src/model/fromKernel.js';
import { machineFor } from '../src/model/machines/registry.js';

export interface GrowthPoint {
  readonly kernel: KernelId;
  readonly path: PathId;
  /** Flags searched: the first n of the path's domain, then (raw) with the bits no flag defines. */
  readonly flags: number;
  readonly raw: boolean;
  readonly initialStates: number;
  readonly states: number;
  readonly seconds: number;
}

/**
 * How the exhaustive search grows with the flags it searches: the path's domain cut to its first
 * n flags (n = 0 .. all), then with --raw; every event schedule, every property that applies. A
 * measured curve rather than a guess at 2^n.
 */
export function benchGrowth(
  cases: readonly { kernel: KernelId; path: PathId }[] = [
    { kernel: 'v3.13', path: 'syscall-exit' },
    { kernel: 'v6.14', path: 'interrupt-exit' },
  ],
): GrowthPoint[] {
  const points: GrowthPoint[] = [];
  for (const { kernel, path } of cases) {
    const k = getKernel(kernel);
    const machine = machineFor(k.behaviour.exitModel, path);
    if (machine === undefined) continue;
    const ctx = makeContext(contextOfKernel(k).input, path);
    const props = Object.values(PROPERTIES).filter(
      (p): p is PathProperty => p.kind === 'path' && p.appliesTo(machine, ctx),
    );
    const full = domainOf(ctx, machine, false);
    const domains = [
      ...full.bits.map((_, n) => withBits(full, full.bits.slice(0, n))),
      full,
      domainOf(ctx, machine, true),
    ];
    for (const domain of domains) {
      const t0 = performance.now();
      const ex = explore(machine, ctx, props, domain);
      points.push({
        kernel,
        path,
        flags: domain.bits.length,
        raw: domain.raw,
        initialStates: ex.initialStates,
        states: ex.states,
        seconds: (performance.now() - t0) / 1000,
      });
    }
  }
  return points;
}
