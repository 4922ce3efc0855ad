import type { Progress } from '../check/progress.js';
import type { Io } from './io.js';

/**
 * A one-line progress report on stderr, redrawn in place: what is being checked, units done,
 * states explored, the rate and an estimate of the time left. Only on a terminal and never with
 * --json; `end` clears the line so the report that follows starts clean.
 */
export function terminalProgress(
  io: Io,
  command: string,
  enabled: boolean,
  now: () => number = Date.now,
): Progress & { end(): void } {
  if (!enabled || !io.isTTY) return { step: () => {}, end: () => {} };
  const start = now();
  let drawn = false;
  let last = -Infinity;
  return {
    step(done, total, what, states) {
      const t = now();
      if (t - last < 100 && done < total) return;
      last = t;
      const seconds = Math.max((t - start) / 1000, 1e-3);
      const rate = Math.round(states / seconds);
      const left = done > 0 ? Math.round((seconds / done) * (total - done)) : undefined;
      const eta = left === undefined ? '' : `, about ${left} s left`;
      io.stderr(`\r${command}: ${what} (${done}/${total}), ${states} states, ${rate} states/s${eta}\u001b[K`);
      drawn = true;
    },
    end() {
      if (drawn) io.stderr('\r\u001b[K');
    },
  };
}
