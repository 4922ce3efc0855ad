import { describe, expect, it } from 'vitest';
import { maskMutants } from '../src/check/maskEdits.js';
import type { PathProperty } from '../src/check/property.js';
import type { Subject } from '../src/check/subject.js';
import { kernelSubject } from '../src/check/subject.js';
import { DEFAULT_OPTIONS, verifyContext } from '../src/check/verify.js';
import { unwrap } from '../src/flags/errors.js';
import type { KernelId } from '../src/kernels/kernelId.js';
import type { PathId } from '../src/kernels/pathId.js';
import { getKernel } from '../src/kernels/registry.js';
import { makeContext } from '../src/model/context.js';
import { sampleOf, TIER_NAME } from '../src/testing/tier.js';
import { PROPERTIES } from './registry.js';
import { expectedExitViolations } from './testing/expectedExitVerdicts.js';
import { expectedSyscallViolations } from './testing/expectedSyscallVerdicts.js';
import { EXIT_PATHS } from './testing/mutantAgreement.js';

const PATH_PROPS = Object.values(PROPERTIES).filter((p): p is PathProperty => p.kind === 'path');

const exhaustive = (subject: Subject, paths: readonly PathId[]): string[] =>
  verifyContext(makeContext(subject.input), PATH_PROPS, { ...DEFAULT_OPTIONS, method: 'exhaustive', paths })
    .filter((r) => r.verdict === 'violated')
    .map((r) => `${r.property}@${r.path}`)
    .sort();

/**
 * Every disagreement of the rules with the exhaustive search, on the kernel and its mutants (in the
 * quick tier, a few of them chosen by the test seed: testing/tier.ts).
 */
function disagreements(id: KernelId, paths: readonly PathId[], rules: (s: Subject) => string[]): string[] {
  const base = unwrap(kernelSubject(getKernel(id)), id);
  const mutants = sampleOf(
    maskMutants(getKernel(id), paths).mutants,
    paths.includes('syscall') ? 2 : 4,
    `expected ${id}`,
  );
  return [{ edit: '(as released)', subject: base }, ...mutants]
    .map((m) => ({ edit: m.edit, model: exhaustive(m.subject, paths), rules: rules(m.subject) }))
    .filter((x) => x.model.join(' ') !== x.rules.join(' '))
    .map((x) => `${x.edit}: exhaustive [${x.model.join(' ')}] expected [${x.rules.join(' ')}]`);
}

/**
 * The expected verdicts of the 3.x return paths, worked out without the model, against the
 * exhaustive search: on each asm kernel as it is (the known bugs are what the rules must find) and
 * on every single-flag mask edit of the kernels the fixed-kernel agreement tests do not cover
 * (v3.16 and v3.18 are checked three ways in mutantAgreement.*.test.ts).
 */
describe('expected verdicts of the 3.x return paths', () => {
  it('should predict the known bugs of the real kernels, and nothing on the fixed ones', () => {
    const expected = (id: KernelId) => expectedExitViolations(unwrap(kernelSubject(getKernel(id)), id));
    // Seed 003: the solitary UPROBE spins at syscall exit and goes back pending from retint.
    for (const id of ['v3.6', 'v3.13', 'v3.14', 'v3.16'] as const)
      expect(expected(id)).toEqual([
        'exit-terminates@syscall-exit',
        'exit-work-delivered@exception-exit',
        'exit-work-delivered@interrupt-exit',
      ]);
    for (const id of ['v3.13-viro', 'v3.18'] as const) expect(expected(id)).toEqual([]);
  });

  for (const [id, count] of [
    ['v3.6', 96],
    ['v3.13', 92],
    ['v3.13-viro', 92],
  ] as const) {
    it(`should agree with the exhaustive search on ${id} and its ${count} single-flag mask mutants (${TIER_NAME})`, {
      timeout: 1_800_000,
    }, () => {
      expect(maskMutants(getKernel(id), EXIT_PATHS).mutants.length).toBe(count);
      expect(disagreements(id, EXIT_PATHS, expectedExitViolations)).toEqual([]);
    });
  }
});

/**
 * The same for the whole syscall of the C era: v4.4 (phase 1 may rejoin the fast path, fork on the
 * fast path) and its mutants; v4.6 is checked three ways in mutantAgreement.v4_6.test.ts.
 */
describe('expected verdicts of a whole 4.x syscall', () => {
  it("should predict the split of seed 000 on v4.3 to v4.6, and c5c46f59e4e7's loop condition", () => {
    for (const id of ['v4.3', 'v4.4', 'v4.5', 'v4.6-pre-302f5b260c32', 'v4.6'] as const)
      expect(expectedSyscallViolations(unwrap(kernelSubject(getKernel(id)), id))).toEqual([
        'two-phase-equivalent@syscall',
      ]);
    // The first C loop's condition lacks USER_RETURN_NOTIFY, which KVM can set during the syscall.
    const pre = 'v4.3-pre-c5c46f59e4e7';
    expect(expectedSyscallViolations(unwrap(kernelSubject(getKernel(pre)), pre))).toEqual([
      'exit-work-delivered@syscall',
      'two-phase-equivalent@syscall',
    ]);
  });

  for (const id of ['v4.3-pre-c5c46f59e4e7', 'v4.4'] as const) {
    it(`should agree with the exhaustive search on ${id} and its 92 single-flag mask mutants (${TIER_NAME})`, {
      timeout: 1_800_000,
    }, () => {
      expect(maskMutants(getKernel(id), ['syscall']).mutants.length).toBe(92);
      expect(disagreements(id, ['syscall'], expectedSyscallViolations)).toEqual([]);
    });
  }
});
