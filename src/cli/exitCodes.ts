/** The exit status contract (DESIGN.md): documented in README and `--help`. */
export const EXIT = {
  /** Every checked property holds (or the command had nothing to check). */
  ok: 0,
  /** At least one checked property is violated. */
  violated: 1,
  /** Bad input or usage; one line on stderr names the file:line:col or the argument. */
  badInput: 2,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];
