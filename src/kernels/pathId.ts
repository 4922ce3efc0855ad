/** The entry/exit paths tifcheck models (DESIGN.md); ids are a contract. */
export const PATH_IDS = [
  'syscall-exit',
  'interrupt-exit',
  'exception-exit',
  'paranoid-exit',
  'syscall',
  'compat-syscall',
] as const;

export type PathId = (typeof PATH_IDS)[number];

/** The paths that end in a return to user mode and nothing else. */
export const EXIT_PATH_IDS = [
  'syscall-exit',
  'interrupt-exit',
  'exception-exit',
  'paranoid-exit',
] as const satisfies readonly PathId[];
export type ExitPathId = (typeof EXIT_PATH_IDS)[number];

export const PATH_TITLES: Record<PathId, string> = {
  'syscall-exit': 'return to user mode from a syscall body that ran on the fast path',
  'interrupt-exit': 'return to user mode from an interrupt taken in user mode',
  'exception-exit': 'return to user mode from an ordinary exception (error_exit)',
  'paranoid-exit': 'return to user mode from an IST exception (int3, #DB, #MC)',
  syscall: 'a whole 64-bit syscall: entry work, body, exit',
  'compat-syscall':
    "a whole 32-bit syscall by the vDSO's fast entry (do_fast_syscall_32): entry work, body, exit",
};

export function isPathId(s: string): s is PathId {
  return (PATH_IDS as readonly string[]).includes(s);
}
