import { performance } from 'node:perf_hooks';
import { PROPERTIES } from '../properties/registry.js';
import { kernelSubject, type Subject } from '../src/check/subject.js';
import { DEFAULT_OPTIONS, verifyContext } from '../src/check/verify.js';
import { unwrap } from '../src/flags/errors.js';
import type { Kernel } from '../src/kernels/kernel.js';
import type { PathId } from '../src/kernels/pathId.js';
import { makeContext } from '../src/model/context.js';
import { machineFor } from '../src/model/machines/registry.js';

/** One flag added to or removed from one mask: the smallest edit a patch can make. */
export interface MaskMutant {
  readonly edit: string;
  readonly subject: Subject;
}

/**
 * Every single-flag edit of every mask the given paths test: `MASK+=FLAG` for a flag the mask lacks,
 * `MASK-=FLAG` for one it has. Edits that leave every mask's value unchanged are not mutants (a
 * flag below bit 16 added to a 0x0000FFFF-based mask) and are counted apart.
 */
export function maskMutants(
  kernel: Kernel,
  paths: readonly PathId[],
): { mutants: MaskMutant[]; noOps: number } {
  const base = unwrap(kernelSubject(kernel), kernel.id);
  const masks = [
    ...new Set(paths.flatMap((p) => machineFor(kernel.behaviour.exitModel, p)?.masks ?? [])),
  ].filter((m) => base.input.masks.has(m));
  const flags = base.input.table.flags;
  const mutants: MaskMutant[] = [];
  let noOps = 0;
  for (const mask of masks) {
    const value = base.input.masks.get(mask) ?? 0;
    for (const f of flags) {
      const has = (value & ((1 << f.bit) >>> 0)) !== 0;
      const edit = `${mask}${has ? '-=' : '+='}${f.name}`;
      const subject = unwrap(kernelSubject(kernel, [edit]), edit);
      const same = [...base.input.masks].every(([name, v]) => subject.input.masks.get(name) === v);
      if (same) noOps++;
      else mutants.push({ edit, subject });
    }
  }
  return { mutants, noOps };
}

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
