import { describe, expect, it } from 'vitest';
import { domainOf } from '../src/check/domain.js';
import { searchPath } from '../src/check/fastCheckSearch.js';
import { DEFAULT_RUNS, DEFAULT_SEED } from '../src/check/settings.js';
import type { KernelId } from '../src/kernels/kernelId.js';
import { makeContext } from '../src/model/context.js';
import { machineFor } from '../src/model/machines/registry.js';
import { verifyKernel } from '../src/testing/verifyKernel.js';
import { PROPERTIES } from './registry.js';

/** Every violation the exhaustive search pins must be found by fast-check too, with the same minimum. */
const KERNELS: KernelId[] = ['v3.6', 'v3.13', 'v3.14', 'v3.18', 'v3.13-viro'];

describe('fast-check against the exhaustive search', () => {
  for (const id of KERNELS) {
    it(`should find every ${id} path violation at ${DEFAULT_RUNS} runs, shrunk to the exhaustive minimum`, () => {
      const { subject, results } = verifyKernel(id);
      const violations = results.filter(
        (r) => r.verdict === 'violated' && r.path !== null && PROPERTIES[r.property].kind === 'path',
      );
      for (const r of violations) {
        const prop = PROPERTIES[r.property];
        if (prop.kind !== 'path' || r.path === null || r.counterexample === undefined)
          throw new Error('a path violation');
        const ctx = makeContext(subject.input, r.path);
        const machine = machineFor(subject.input.behaviour.exitModel, r.path);
        if (machine === undefined) throw new Error('a modelled path');
        const out = searchPath(machine, ctx, prop, domainOf(ctx, machine, false), {
          seed: DEFAULT_SEED,
          numRuns: DEFAULT_RUNS,
        });
        expect(out.violated, `${id} ${r.property} ${r.path}`).toBe(true);
        if (!out.violated) continue;
        expect({ root: out.root, events: out.schedule }, `${id} ${r.property} ${r.path}`).toEqual({
          root: r.counterexample.root,
          events: r.counterexample.events,
        });
      }
    });
  }
});
