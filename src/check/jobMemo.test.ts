import { describe, expect, it } from 'vitest';
import { PROPERTIES } from '../../properties/registry.js';
import { unwrap } from '../flags/errors.js';
import { getKernel } from '../kernels/registry.js';
import { memoised, remember } from './jobMemo.js';
import type { PathJob } from './pathJobs.js';
import type { CheckResult } from './result.js';
import { kernelSubject } from './subject.js';
import { DEFAULT_OPTIONS } from './verify.js';

// A behaviour of its own, so that the made-up results here never answer another test's job.
const real = unwrap(kernelSubject(getKernel('v3.13')), 'v3.13').input;
const input = { ...real, behaviour: { ...real.behaviour } };
const job: PathJob = {
  input,
  path: 'interrupt-exit',
  properties: [PROPERTIES['exit-terminates']],
  options: DEFAULT_OPTIONS,
};
const verdict = (property: string): CheckResult[] => [
  {
    property: property as 'exit-terminates',
    path: 'interrupt-exit',
    verdict: 'holds',
    method: 'exhaustive',
    coverage: { domainBits: 1 },
  },
];

describe('the job memo', () => {
  it('should compute a job once and answer it again, whatever paths were asked for', () => {
    let calls = 0;
    const check = () => {
      calls++;
      return verdict('exit-terminates');
    };
    const first = memoised(job, check);
    first.push(...verdict('mutated by a caller'));
    const again = memoised({ ...job, options: { ...DEFAULT_OPTIONS, paths: ['interrupt-exit'] } }, check);
    expect(calls).toBe(1);
    expect(again).toEqual(verdict('exit-terminates'));
  });

  it('should tell apart what changes results: masks, path, options, and properties by identity', () => {
    let calls = 0;
    const check = () => {
      calls++;
      return verdict('x');
    };
    const edited = {
      ...unwrap(kernelSubject(getKernel('v3.13'), ['_TIF_WORK_MASK-=UPROBE']), 'edited').input,
      behaviour: input.behaviour,
    };
    const sameIdOtherPredicate = { ...PROPERTIES['exit-terminates'] };
    const others: PathJob[] = [
      { ...job, input: edited },
      { ...job, path: 'exception-exit' },
      { ...job, options: { ...DEFAULT_OPTIONS, seed: 1 } },
      { ...job, options: { ...DEFAULT_OPTIONS, events: 'none' } },
      { ...job, properties: [sameIdOtherPredicate] },
      { ...job, input: { ...input, behaviour: { ...input.behaviour } } },
    ];
    for (const j of others) memoised(j, check);
    expect(calls).toBe(others.length);
  });

  it('should answer a job remembered from elsewhere without computing it', () => {
    const j: PathJob = { ...job, path: 'paranoid-exit' };
    remember(j, verdict('from the global setup'));
    expect(
      memoised(j, () => {
        throw new Error('computed');
      }),
    ).toEqual(verdict('from the global setup'));
  });
});
