import { describe, expect, it } from 'vitest';
import { PROPERTY_IDS } from '../check/propertyId.js';
import type { CheckResult } from '../check/result.js';
import { KERNEL_IDS } from '../kernels/kernelId.js';
import { PATH_IDS } from '../kernels/pathId.js';
import { kernelTableText } from './verifyReport.js';

/** `verify` with no kernel fits an 80-column terminal (issue 20), whatever the verdicts. */
describe('the all-kernels matrix', () => {
  it('should fit 80 columns with every kernel, every property and every path violated', () => {
    const results: CheckResult[] = PROPERTY_IDS.flatMap((property) =>
      PATH_IDS.map((path) => ({
        property,
        path,
        verdict: 'violated' as const,
        method: 'exhaustive' as const,
        coverage: { domainBits: 1 },
      })),
    );
    const text = kernelTableText(
      KERNEL_IDS.map((kernel) => ({ kernel, results })),
      PROPERTY_IDS,
    );
    expect(text.split('\n').filter((l) => l.length > 80)).toEqual([]);
    for (const p of PROPERTY_IDS) expect(text).toContain(` ${p} (`);
    expect(text).toContain(`  v4.0-pre-2a23c6b8a9c4  exit-terminates (bug) on syscall-exit`);
  });
});
