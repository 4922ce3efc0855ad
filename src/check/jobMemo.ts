import type { Behaviour } from '../kernels/behaviour/types.js';
import type { PathJob } from './pathJobs.js';
import type { Property } from './property.js';
import type { CheckResult } from './result.js';

/**
 * Path jobs already checked in this thread, by what decides their results: the behaviour (by
 * identity: a kernel's is one object for the process; FRED, new flags and tests make new ones),
 * the flags, masks and their expressions, the path, the properties (by identity, so a user's
 * property of the same id but other predicates is another job) and the options. A job is a pure
 * function of these, so the same job gives the same results; tests and library users call verify
 * with the same kernel many times (a diff's base, a fix search's subject, one kernel per test).
 * A few dozen per behaviour, oldest dropped first.
 */
const byBehaviour = new WeakMap<Behaviour, Map<string, readonly CheckResult[]>>();
const numbers = new WeakMap<Property, number>();
let nextNumber = 0;
const PER_BEHAVIOUR = 48;

function numberOf(p: Property): number {
  let n = numbers.get(p);
  if (n === undefined) {
    n = nextNumber++;
    numbers.set(p, n);
  }
  return n;
}

function keyOf(job: PathJob): string {
  const i = job.input;
  return JSON.stringify([
    i.source,
    i.pathsFrom,
    i.table,
    [...i.masks],
    i.maskTables === undefined ? null : [...i.maskTables],
    i.workTable ?? null,
    i.maskExprs === undefined ? null : [...i.maskExprs],
    job.path,
    job.properties.map(numberOf),
    // Which paths to check chooses the jobs; it does not change a job's results.
    { ...job.options, paths: undefined },
  ]);
}

function memoOf(job: PathJob): Map<string, readonly CheckResult[]> {
  let memo = byBehaviour.get(job.input.behaviour);
  if (memo === undefined) {
    memo = new Map();
    byBehaviour.set(job.input.behaviour, memo);
  }
  return memo;
}

function keep(memo: Map<string, readonly CheckResult[]>, key: string, results: readonly CheckResult[]): void {
  if (memo.size >= PER_BEHAVIOUR) memo.delete(memo.keys().next().value as string);
  memo.set(key, [...results]);
}

/**
 * Results of the job computed elsewhere by `checkPathJob` (another thread of the same build):
 * the test runner's global setup verifies every kernel once and hands the results to the test
 * workers this way (src/testing/seedJobMemo.ts).
 */
export function remember(job: PathJob, results: readonly CheckResult[]): void {
  keep(memoOf(job), keyOf(job), results);
}

/** The job's results, computed by `check` only the first time this thread sees the job. */
export function memoised(job: PathJob, check: (job: PathJob) => CheckResult[]): CheckResult[] {
  const memo = memoOf(job);
  const key = keyOf(job);
  const known = memo.get(key);
  if (known !== undefined) return [...known];
  const results = check(job);
  keep(memo, key, results);
  return results;
}
