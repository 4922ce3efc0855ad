import { match } from 'ts-pattern';
import type { SyscallExitLabel } from '../machines/asm3x/syscallExit.js';

/**
 * Compile-time proof that a step function cannot forget a label: `npm run typecheck` fails if the
 * marked line stops being an error (STYLE.md: exhaustiveness is a type). Not run, only compiled.
 */
export function forgetsALabel(label: SyscallExitLabel): string {
  return (
    match(label)
      .with('ret_from_sys_call', () => 'a')
      .with('sysret_check', () => 'b')
      // @ts-expect-error: ten labels are not handled, so .exhaustive() does not type-check.
      .exhaustive()
  );
}
