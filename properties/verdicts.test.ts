import { describe, expect, it } from 'vitest';
import { KERNEL_IDS } from '../src/kernels/kernelId.js';
import { verifyKernel } from '../src/testing/verifyKernel.js';
import { EXPECTED_VERDICTS } from './expectedVerdicts.js';

describe('verify on the built-in kernels', () => {
  for (const id of KERNEL_IDS) {
    it(`should give ${id} exactly the expected verdict table`, () => {
      const { results } = verifyKernel(id);
      const actual: Record<string, Record<string, string>> = {};
      for (const r of results) {
        actual[r.property] = { ...(actual[r.property] ?? {}), [r.path ?? 'masks']: r.verdict };
      }
      expect(actual).toEqual(EXPECTED_VERDICTS[id]);
    });
  }

  it('should decide every path of the asm kernels exhaustively', () => {
    for (const id of ['v3.6', 'v3.13', 'v3.14'] as const) {
      for (const r of verifyKernel(id).results) {
        expect(r.method, `${id} ${r.property} ${r.path}`).toBe('exhaustive');
        // A whole syscall's roots: each flag set with each of the 5 syscalls, and with each of the
        // 5 seccomp outcomes where SECCOMP (always in its domain) is set.
        const n = r.coverage.domainBits;
        const roots = r.path === 'syscall' ? 2 ** (n - 1) * 5 + 2 ** (n - 1) * 25 : 2 ** n;
        if (r.path !== null && r.property !== 'mask-dead-bits') expect(r.coverage.initialStates).toBe(roots);
      }
    }
  });
});
