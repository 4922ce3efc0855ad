import { describe, expect, it } from 'vitest';
import { domainOf } from '../src/check/domain.js';
import { explore, minimalCounterexample } from '../src/check/exhaustive.js';
import { searchPath } from '../src/check/fastCheckSearch.js';
import type { PathProperty } from '../src/check/property.js';
import type { PropertyId } from '../src/check/propertyId.js';
import { DEFAULT_RUNS, DEFAULT_SEED } from '../src/check/settings.js';
import { getKernel } from '../src/kernels/registry.js';
import type { SyscallKind } from '../src/kernels/syscalls.js';
import { makeContext } from '../src/model/context.js';
import { contextOfKernel } from '../src/model/fromKernel.js';
import { anyMachine } from '../src/model/machine.js';
import { asmSyscallExit } from '../src/model/machines/asm3x/syscallExit.js';
import { machineFor } from '../src/model/machines/registry.js';
import { kindName } from '../src/model/root.js';
import { ENTRY_MUTANTS } from '../src/model/testing/entryMutants.js';
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

/**
 * ptregs-full-frame holds on every real kernel, and audit-balanced's second half (no record left
 * open at the return) too; broken copies of real entries show both failing, with the other entry
 * properties, by both engines.
 */
const ENTRY_EXPECT: Record<string, { property: PropertyId; flags: string; kind: SyscallKind }> = {
  'stub-clone-saves-nothing': { property: 'ptregs-full-frame', flags: '0', kind: 'fork' },
  'stub-iopl-no-fixup': { property: 'ptregs-full-frame', flags: '0', kind: 'iopl' },
  'stub-ptregs-ignores-caller': { property: 'entry-work-once', flags: 'SYSCALL_TRACE', kind: 'fork' },
  'slow-exit-forgets-audit': { property: 'audit-balanced', flags: 'SYSCALL_AUDIT', kind: 'ordinary' },
};

describe('entry properties on mutated whole syscalls', () => {
  for (const m of ENTRY_MUTANTS) {
    const expected = ENTRY_EXPECT[m.id];
    if (expected === undefined) throw new Error(`no expectation for mutant ${m.id}`);
    it(`should catch "${m.what}" as ${expected.property}, exhaustively and by fast-check`, () => {
      const k = getKernel(m.kernel);
      const input = contextOfKernel(k).input;
      const ctx = makeContext(
        { ...input, behaviour: m.behaviour?.(input.behaviour) ?? input.behaviour },
        'syscall',
      );
      const real = machineFor(k.behaviour.exitModel, 'syscall');
      if (real === undefined) throw new Error('a whole-syscall machine');
      const machine = m.machine?.(real) ?? real;
      const prop = PROPERTIES[expected.property] as PathProperty;
      const domain = domainOf(ctx, machine, false);
      // The unmutated kernel keeps the property.
      expect(explore(real, makeContext(input, 'syscall'), [prop], domain).found.has(prop.id)).toBe(false);
      const ex = explore(machine, ctx, [prop], domain);
      expect(ex.found.has(prop.id)).toBe(true);
      const min = minimalCounterexample(machine, ctx, prop, domain, 3);
      expect(min && { flags: ctx.fmt(min.root.flags), kind: kindName(min.root.kind) }).toEqual({
        flags: expected.flags,
        kind: expected.kind,
      });
      const fc = searchPath(machine, ctx, prop, domain, { seed: DEFAULT_SEED, numRuns: DEFAULT_RUNS });
      expect(fc.violated).toBe(true);
    });
  }
});
