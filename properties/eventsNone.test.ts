import { describe, expect, it } from 'vitest';
import type { CheckResult } from '../src/check/result.js';
import { DEFAULT_OPTIONS } from '../src/check/verify.js';
import type { KernelId } from '../src/kernels/kernelId.js';
import { verifyKernel } from '../src/testing/verifyKernel.js';

/**
 * verify --events none: initial inputs only, no interrupt, tracer request or choice of register
 * values. A run without events is also a run of the full search (the empty schedule), so whatever
 * it finds violated, the full search finds violated too; and it finds the 2014 livelock, which
 * needs no event (the question SPIN's exit313.pml answers without ASYNC).
 */
const violated = (results: readonly CheckResult[]) =>
  results.filter((r) => r.verdict === 'violated').map((r) => `${r.property}@${r.path ?? 'masks'}`);

describe('verify --events none', () => {
  const NONE = { ...DEFAULT_OPTIONS, events: 'none' as const };

  for (const id of [
    'v3.13',
    'v3.18',
    'v4.4-ptregs-rfc',
    'v5.11-rc1',
  ] as const satisfies readonly KernelId[]) {
    it(`should find on ${id} a subset of what the full search finds, in fewer states`, () => {
      const all = verifyKernel(id);
      const none = verifyKernel(id, NONE);
      expect(violated(all.results)).toEqual(expect.arrayContaining(violated(none.results)));
      for (const r of none.results.filter((x) => x.coverage.initialStates !== undefined)) {
        expect(r.coverage.events).toBe('none');
        const full = all.results.find((x) => x.property === r.property && x.path === r.path);
        expect(r.coverage.states).toBeLessThanOrEqual(full?.coverage.states ?? 0);
      }
    });
  }

  it('should find the solitary UPROBE livelock of v3.13 without any event, and no reachable UPROBE left pending', () => {
    const results = verifyKernel('v3.13', NONE).results;
    const find = (property: string, path: string) =>
      results.find((r) => r.property === property && r.path === path);
    expect(find('exit-terminates', 'syscall-exit')?.counterexample?.events).toEqual([]);
    // CVE-2014-4699 needs a tracer at a fork's event stop.
    expect(find('sysret-safe', 'syscall')?.verdict).toBe('holds');
    // UPROBE left pending at an interrupt's return: latent from UPROBE alone, and reachable only
    // through uprobe_deny_signal, an event: without events, provably not reachable.
    const pending = find('exit-work-delivered', 'interrupt-exit')?.counterexample;
    expect(pending?.latent.flags).not.toBe(0);
    expect(pending?.reachable?.kind).toBe('none');
    const withEvents = verifyKernel('v3.13').results.find(
      (r) => r.property === 'exit-work-delivered' && r.path === 'interrupt-exit',
    );
    expect(withEvents?.counterexample?.reachable?.kind).toBe('found');
  });
});
