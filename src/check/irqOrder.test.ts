import { describe, expect, it } from 'vitest';
import { PROPERTIES } from '../../properties/registry.js';
import { allKernels } from '../kernels/registry.js';
import { makeContext } from '../model/context.js';
import { contextOfKernel } from '../model/fromKernel.js';
import { machineFor } from '../model/machines/registry.js';
import { sampleOf, TIER_NAME } from '../testing/tier.js';
import { domainOf } from './domain.js';
import { explore, MAX_STATES } from './exhaustive.js';
import type { PathProperty } from './property.js';

const props = Object.values(PROPERTIES).filter((p): p is PathProperty => p.kind === 'path');
const paths = allKernels().flatMap((k) => k.behaviour.paths.map((path) => ({ k, path })));

// explore() skips the IRQ events a state reached by a later one need not fire (exhaustive.ts):
// the adds it skips would only have found stored states, so the search is the same, state for
// state, witness for witness. Every path in the full tier; a seeded sample of eight in the quick.
describe(`explore's order of IRQ events (${TIER_NAME})`, () => {
  for (const { k, path } of sampleOf(paths, 8, 'irq-order')) {
    it(`should change nothing on ${k.id} ${path}`, () => {
      const machine = machineFor(k.behaviour.exitModel, path);
      if (machine === undefined) throw new Error(`no machine for ${path}`);
      const ctx = makeContext(contextOfKernel(k).input, path);
      const domain = domainOf(ctx, machine, false);
      const applicable = props.filter((p) => p.appliesTo(machine, ctx));
      const all = explore(machine, ctx, applicable, domain, MAX_STATES, true, false);
      const ordered = explore(machine, ctx, applicable, domain, MAX_STATES, true, true);
      expect(ordered.states).toBe(all.states);
      expect(ordered.complete).toBe(all.complete);
      expect([...ordered.found]).toEqual([...all.found]);
    });
  }
});
