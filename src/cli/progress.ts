import type { Progress } from '../check/progress.js';
import type { Io } from './io.js';

/**
 * A one-line progress report on stderr, redrawn in place: what is being checked, units done,
 * states explored, the rate and an estimate of the time left. Only on a terminal and never with
 * --json; `end` clears the line so the report that follows starts clean. The line is cut to the
 * terminal's width (a wrapped line cannot be redrawn in place), and the estimate is shown only
 * with a basis: a known total (0: a count only, as for the fix search's cap), two units done and
 * two seconds spent.
 */
export function terminalProgress(
  io: Io,
  command: string,
  enabled: boolean,
  now: () => number = Date.now,
  columns: number = io.columns ?? 80,
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
      const basis = total > 0 && done >= 2 && seconds >= 2;
      const left = basis ? Math.round((seconds / done) * (total - done)) : undefined;
      const eta = left === undefined ? '' : `, about ${left} s left`;
      const count = total > 0 ? `${done}/${total}` : `${done}`;
      const line = `${command}: ${what} (${count}), ${states} states, ${rate} states/s${eta}`;
      const width = Math.max(columns - 1, 20);
      io.stderr(`\r${line.length > width ? `${line.slice(0, width - 1)}…` : line}\u001b[K`);
      drawn = true;
    },
    end() {
      if (drawn) io.stderr('\r\u001b[K');
    },
  };
}
