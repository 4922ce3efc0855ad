import { describe, expect, it } from 'vitest';
import { FULL_TIER, TIER_NAME } from '../src/testing/tier.js';
import { firstDependence, genericSyscalls, pathsToCheck, subjectOf } from './testing/deadRegisters.js';

/** Dead registers (deadRegisters.test.ts) on generic entry's whole syscalls, 7.0 and 7.1, with the slice extension: the full tier. */
describe(`dead registers of generic whole syscalls, 7.0 and 7.1, with the slice extension (${TIER_NAME})`, () => {
  for (const { id, path } of pathsToCheck('slice-syscalls')) {
    it(`should not change any step of ${id} ${path}`, { timeout: 1_800_000 }, () => {
      const { machine, ctx } = subjectOf(id, path);
      expect(firstDependence(machine, ctx)).toBeUndefined();
    });
  }

  it('should, with the other file, check every generic whole syscall in the full tier only', () => {
    const checked = [...pathsToCheck('generic-syscalls'), ...pathsToCheck('slice-syscalls')].map(
      (c) => `${c.id} ${c.path}`,
    );
    expect(checked.sort()).toEqual(FULL_TIER ? genericSyscalls().sort() : []);
    expect(genericSyscalls().length).toBeGreaterThanOrEqual(14);
  });
});
