/** The exit status contract (DESIGN.md): documented in README and `--help`. */
export const EXIT = {
  /** Every checked property holds (or the command had nothing to check). */
  ok: 0,
  /**
   * `verify`: a property of `--fail-on`'s class or a more serious one (by default: a bug) is
   * violated; `diff`: the proposal breaks such a property that held on the base; `replay`: the
   * stored counterexample no longer reproduces.
   */
  violated: 1,
  /** Bad input or usage; one line on stderr names the file:line:col or the argument. */
  badInput: 2,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];
