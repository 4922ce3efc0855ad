import { performance } from 'node:perf_hooks';
import { PROPERTIES } from '../properties/registry.js';
import { maskMutants } from '../src/check/maskEdits.js';
import { DEFAULT_OPTIONS, verifyContext } from '../src/check/verify.js';
import type { Kernel } from '../src/kernels/kernel.js';
import type { PathId } from '../src/kernels/pathId.js';
import { makeContext } from '../src/model/context.js';

export interface MutantRow {
  readonly kernel: string;
  readonly edit: string;
  /** `property@path` for every violation, by each engine. */
  readonly exhaustive: readonly string[];
  readonly fastCheck: readonly string[];
  readonly error?: string;
  readonly exhaustiveMs: number;
  readonly fastCheckMs: number;
}

/**
 * Both engines on every single-flag mask mutant of a kernel's exit paths: where fast-check at the
 * default runs says "holds" and the exhaustive search "violated", the fuzzer missed a bug.
 */
export function benchMutants(kernel: Kernel, paths: readonly PathId[]): { rows: MutantRow[]; noOps: number } {
  const props = Object.values(PROPERTIES).filter((p) => p.kind === 'path');
  const { mutants, noOps } = maskMutants(kernel, paths);
  const rows = mutants.map((m): MutantRow => {
    const ctx = makeContext(m.subject.input);
    const violations = (method: 'exhaustive' | 'fast-check') =>
      verifyContext(ctx, props, { ...DEFAULT_OPTIONS, method, paths })
        .filter((r) => r.verdict === 'violated')
        .map((r) => `${r.property}@${r.path}`)
        .sort();
    const errors: string[] = [];
    const timed = (method: 'exhaustive' | 'fast-check') => {
      const t0 = performance.now();
      let out: string[] = [];
      try {
        out = violations(method);
      } catch (e) {
        errors.push(`${method}: ${(e as Error).message}`);
      }
      return { out, ms: performance.now() - t0 };
    };
    const ex = timed('exhaustive');
    const fc = timed('fast-check');
    return {
      kernel: kernel.id,
      edit: m.edit,
      exhaustive: ex.out,
      fastCheck: fc.out,
      ...(errors.length > 0 ? { error: errors.join('; ') } : {}),
      exhaustiveMs: ex.ms,
      fastCheckMs: fc.ms,
    };
  });
  return { rows, noOps };
}
