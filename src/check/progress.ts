import type { CheckResult } from './result.js';

/**
 * How far a long job is: units done of a total (kernels, paths, fix candidates) and states explored
 * so far. The CLI draws it on a terminal; the library and the tests pass NO_PROGRESS.
 */
export interface Progress {
  step(done: number, total: number, what: string, states: number): void;
}

export const NO_PROGRESS: Progress = { step: () => {} };

/** States explored by a set of results (fast-check runs counted as states), each path once. */
export function statesOf(results: readonly CheckResult[]): number {
  let n = 0;
  const seen = new Set<string>();
  for (const r of results) {
    // Every property of a path shares one exploration: count it once.
    const key = `${r.path ?? ''} ${r.method}`;
    if (seen.has(key)) continue;
    seen.add(key);
    n += r.coverage.states ?? r.coverage.runs ?? 0;
  }
  return n;
}
