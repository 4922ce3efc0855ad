import { describe, expect, it } from 'vitest';
import { domainOf, popcount } from '../src/check/domain.js';
import { searchPath } from '../src/check/fastCheckSearch.js';
import { DEFAULT_RUNS, DEFAULT_SEED } from '../src/check/settings.js';
import type { KernelId } from '../src/kernels/kernelId.js';
import { makeContext } from '../src/model/context.js';
import { machineFor } from '../src/model/machines/registry.js';
import { verifyKernel } from '../src/testing/verifyKernel.js';
import { PROPERTIES } from './registry.js';

/** Every violation the exhaustive search pins must be found by fast-check too, and shrunk as small. */
const KERNELS: KernelId[] = [
  'v3.6',
  'v3.13',
  'v3.14',
  'v3.18',
  'v3.13-viro',
  'v4.4',
  'v4.4-ptregs-rfc',
  'v4.5',
];

describe('fast-check against the exhaustive search', () => {
  for (const id of KERNELS) {
    it(`should find every ${id} path violation at ${DEFAULT_RUNS} runs (per syscall for a whole syscall), shrunk as small as the exhaustive minimum`, () => {
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
        // As small as the exhaustive minimum: as many flags and as many events. Which of several
        // equally small inputs fast-check's shrinking ends on is its own affair.
        const size = (flags: number, events: readonly unknown[]) => ({
          flags: popcount(flags),
          events: events.length,
        });
        expect(size(out.root.flags, out.schedule), `${id} ${r.property} ${r.path}`).toEqual(
          size(r.counterexample.root.flags, r.counterexample.events),
        );
      }
    });
  }
});
