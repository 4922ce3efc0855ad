import { performance } from 'node:perf_hooks';

export interface Measurement {
  readonly name: string;
  readonly iterations: number;
  readonly seconds: number;
  readonly perSecond: number;
}

/** Runs `body` for at least `minSeconds` (after a short warm-up) and reports its rate. */
export function measure(name: string, body: () => void, minSeconds = 0.5): Measurement {
  for (let i = 0; i < 20; i++) body();
  let iterations = 0;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < minSeconds * 1000) {
    for (let i = 0; i < 10; i++) body();
    iterations += 10;
    elapsed = performance.now() - start;
  }
  const seconds = elapsed / 1000;
  return { name, iterations, seconds, perSecond: iterations / seconds };
}
