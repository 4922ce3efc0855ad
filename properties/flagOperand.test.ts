import { describe, expect, it } from 'vitest';
import { kernelSubject } from '../src/check/subject.js';
import { DEFAULT_OPTIONS, verifyContext } from '../src/check/verify.js';
import { main } from '../src/cli/main.js';
import { memoryIo } from '../src/cli/testing/memoryIo.js';
import { unwrap } from '../src/flags/errors.js';
import { ERA3_HEADER } from '../src/flags/header/testing/headers.js';
import { getKernel } from '../src/kernels/registry.js';
import { makeContext } from '../src/model/context.js';
import { PROPERTIES } from './registry.js';

/**
 * flag-operand holds on every built-in kernel that spells its operands right (the verdict table);
 * here it fails on copies that do not, and the model runs them as C would.
 */
describe('flag-operand', () => {
  it('should fail a header whose mask ORs in a bit number, naming it', () => {
    const broken = ERA3_HEADER.replace('_TIF_NOTIFY_RESUME |\t\\', 'TIF_NOTIFY_RESUME |\t\\');
    expect(broken).not.toBe(ERA3_HEADER);
    const cap = memoryIo({ 'broken.h': broken });
    const code = main(
      ['verify', '--header', 'broken.h', '--paths', 'v3.13', '--property', 'flag-operand', '--json'],
      cap.io,
    );
    const doc = JSON.parse(cap.out()) as {
      results: { verdict: string; path: string; counterexample?: { message: string } }[];
    };
    const bad = doc.results.filter((r) => r.verdict === 'violated');
    expect(bad.map((r) => r.path).sort()).toEqual(['exception-exit', 'interrupt-exit']);
    expect(bad[0]?.counterexample?.message).toContain(
      '_TIF_DO_NOTIFY_MASK: TIF_NOTIFY_RESUME is a bit number used as a value',
    );
    // A lint: below the default threshold.
    expect(code).toBe(0);
  });

  it('should fail a loop that tests a bit number, which then skips the work it meant', () => {
    const k = getKernel('v6.14');
    const subject = unwrap(kernelSubject(k), 'v6.14');
    const steps = k.behaviour.doNotifyResume.map((s) =>
      s.flag === 'UPROBE' ? { ...s, test: { kind: 'mask' as const, operand: 'TIF_UPROBE' } } : s,
    );
    const ctx = makeContext({ ...subject.input, behaviour: { ...k.behaviour, doNotifyResume: steps } });
    const results = verifyContext(
      ctx,
      [PROPERTIES['flag-operand'], PROPERTIES['exit-work-delivered'], PROPERTIES['exit-terminates']],
      { ...DEFAULT_OPTIONS, paths: ['interrupt-exit'] },
    );
    const verdict = (id: string) => results.find((r) => r.property === id);
    expect(verdict('flag-operand')?.verdict).toBe('violated');
    expect(verdict('flag-operand')?.counterexample?.message).toContain(
      "uprobe_notify_resume's test: TIF_UPROBE is a bit number where a mask belongs (_TIF_UPROBE)",
    );
    // ti_work & 12 tests SIGPENDING and NEED_RESCHED, never UPROBE: the loop spins on UPROBE.
    expect(verdict('exit-terminates')?.verdict).toBe('violated');
    // The same kernel spelled right holds both.
    const right = verifyContext(
      makeContext(subject.input),
      [PROPERTIES['flag-operand'], PROPERTIES['exit-terminates']],
      {
        ...DEFAULT_OPTIONS,
        paths: ['interrupt-exit'],
      },
    );
    expect(right.map((r) => r.verdict)).toEqual(['holds', 'holds']);
  });
});
