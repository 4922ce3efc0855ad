import { describe, expect, it } from 'vitest';
import { domainOf } from '../src/check/domain.js';
import { explore, minimalCounterexample } from '../src/check/exhaustive.js';
import { searchPath } from '../src/check/fastCheckSearch.js';
import type { PathProperty } from '../src/check/property.js';
import type { PropertyId } from '../src/check/propertyId.js';
import { DEFAULT_RUNS, DEFAULT_SEED } from '../src/check/settings.js';
import { getKernel } from '../src/kernels/registry.js';
import { makeContext } from '../src/model/context.js';
import { contextOfKernel } from '../src/model/fromKernel.js';
import { anyMachine } from '../src/model/machine.js';
import { asmSyscallExit } from '../src/model/machines/asm3x/syscallExit.js';
import { mutantsOf } from '../src/model/testing/mutants.js';
import { PROPERTIES } from './registry.js';

/**
 * Every property must be able to fail. exit-terminates, exit-work-delivered and mask-dead-bits
 * fail on the real kernels (properties/expectedVerdicts.ts); the others hold on every real kernel,
 * so they are shown failing on broken copies of v3.14's syscall exit, by both engines.
 */
const EXPECT: Record<string, { property: PropertyId; flags: string }> = {
  'irqs-left-on': { property: 'exit-final-check-irqs-off', flags: 'SYSCALL_TRACE' },
  'no-save-rest': { property: 'exit-full-frame', flags: 'SYSCALL_TRACE' },
  'exit-work-kept-in-edi': { property: 'exit-trace-once', flags: 'SYSCALL_TRACE' },
  'trace-leave-skipped': { property: 'exit-trace-once', flags: 'SYSCALL_TRACE' },
  'sysret-after-stop': { property: 'exit-full-frame', flags: 'SYSCALL_TRACE' },
};

describe('properties on mutated exit paths', () => {
  const base = anyMachine(asmSyscallExit);
  const ctx = makeContext(contextOfKernel(getKernel('v3.14')).input, 'syscall-exit');
  const domain = domainOf(ctx, base, false);
  const sound = explore(
    base,
    ctx,
    [
      PROPERTIES['exit-final-check-irqs-off'],
      PROPERTIES['exit-full-frame'],
      PROPERTIES['exit-trace-once'],
    ] as PathProperty[],
    domain,
  );

  it('should hold on the unmutated v3.14 syscall exit', () => {
    expect(sound.complete).toBe(true);
    expect([...sound.found.keys()]).toEqual([]);
  });

  for (const m of mutantsOf(base)) {
    const expected = EXPECT[m.id];
    if (expected === undefined) throw new Error(`no expectation for mutant ${m.id}`);
    it(`should catch "${m.what}" as ${expected.property}, exhaustively and by fast-check`, () => {
      const prop = PROPERTIES[expected.property] as PathProperty;
      const ex = explore(m.machine, ctx, [prop], domain);
      const witness = ex.found.get(prop.id);
      expect(witness).toBeDefined();
      const min = witness && minimalCounterexample(m.machine, ctx, prop, domain, 4);
      expect(min && ctx.fmt(min.root.flags)).toBe(expected.flags);
      const fc = searchPath(m.machine, ctx, prop, domain, { seed: DEFAULT_SEED, numRuns: DEFAULT_RUNS });
      expect(fc.violated).toBe(true);
    });
  }
});
