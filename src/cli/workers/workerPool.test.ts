import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { PROPERTIES } from '../../../properties/registry.js';
import { kernelSubject } from '../../check/subject.js';
import { DEFAULT_OPTIONS, IN_PROCESS, verifyInputs } from '../../check/verify.js';
import { unwrap } from '../../flags/errors.js';
import { getKernel } from '../../kernels/registry.js';
import { workerRunner } from './workerPool.js';

/**
 * The pool runs the compiled code (the tests load it: src/testing/compiledLibrary.ts). Whatever
 * order the workers finish in, the results, and so every byte the CLI prints, must be those of
 * one thread.
 */
const tifcheck = (args: readonly string[]): { out: string; status: number } => {
  try {
    return { out: execFileSync('node', ['bin/tifcheck.js', ...args], { encoding: 'utf8' }), status: 0 };
  } catch (e) {
    const x = e as { stdout?: string; status?: number };
    return { out: x.stdout ?? '', status: x.status ?? -1 };
  }
};

describe('workerRunner', () => {
  it('should run, and be undefined only for fewer than two threads', () => {
    expect(workerRunner(1)).toBeUndefined();
    expect(workerRunner(2)).toBeDefined();
  });

  it('should give the results of one thread, in job order, for kernels with violations', () => {
    // Two kernels, seven paths (the 64-bit whole syscalls, the slowest, left out), four
    // violations with counterexamples and their reachable searches.
    const inputs = (['v4.4-status-flag', 'v3.13'] as const).map(
      (id) => unwrap(kernelSubject(getKernel(id)), id).input,
    );
    const props = Object.values(PROPERTIES);
    const options = {
      ...DEFAULT_OPTIONS,
      paths: ['compat-syscall', 'syscall-exit', 'interrupt-exit', 'exception-exit', 'paranoid-exit'] as const,
    };
    const pool = workerRunner(3);
    if (pool === undefined) throw new Error('no pool');
    const threaded = verifyInputs(inputs, props, options, undefined, pool);
    expect(threaded.flat().filter((r) => r.verdict === 'violated').length).toBeGreaterThan(3);
    expect(threaded).toEqual(verifyInputs(inputs, props, options, undefined, IN_PROCESS));
  });

  it('should make the CLI print the same bytes with --jobs 1 and --jobs 3', () => {
    // v4.4's divergence (two-phase-equivalent) fails the run only when --fail-on asks for it.
    const args = ['verify', '--kernel', 'v4.4', '--json', '--no-fixes', '--fail-on', 'divergence'];
    const one = tifcheck([...args, '--jobs', '1']);
    expect(one.status).toBe(1);
    expect(tifcheck([...args, '--jobs', '3'])).toEqual(one);
  });
});
