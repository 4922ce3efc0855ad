import { SECCOMP_OUTCOMES, type SeccompOutcome, SYSCALL_KINDS, type SyscallKind } from './state.js';

/**
 * Where a run starts: the flags pending when the path begins and, for a whole syscall, which
 * syscall runs and what a seccomp filter says about it. Exit paths use the flags only.
 */
export interface Root {
  readonly flags: number;
  /**
   * Generic entry's whole syscalls: ti->syscall_work when the syscall enters (the sticky syscall
   * modes); 0 elsewhere.
   */
  readonly work: number;
  /** A SYSCALL_KINDS index (0, ordinary, outside whole syscalls). */
  readonly kind: number;
  /** A SECCOMP_OUTCOMES index (0, allow, unless TIF_SECCOMP is set). */
  readonly seccomp: number;
}

export function rootOf(flags: number, kind = 0, seccomp = 0, work = 0): Root {
  return { flags: flags >>> 0, kind, seccomp, work: work >>> 0 };
}

/** How many flags a root starts from, in both words: what "fewest flags" counts. */
export function rootSize(r: Root): number {
  return popcount(r.flags) + popcount(r.work);
}

/** How many bits are set. */
export function popcount(v: number): number {
  let x = v >>> 0;
  let c = 0;
  while (x) {
    x &= x - 1;
    c++;
  }
  return c;
}

/** A root given as bare flags means an ordinary syscall that seccomp allows. */
export function asRoot(r: Root | number): Root {
  return typeof r === 'number' ? rootOf(r) : r;
}

export const kindName = (k: number): SyscallKind => SYSCALL_KINDS[k] ?? 'ordinary';
export const seccompName = (o: number): SeccompOutcome => SECCOMP_OUTCOMES[o] ?? 'allow';

export function kindIndex(name: string): number {
  return (SYSCALL_KINDS as readonly string[]).indexOf(name);
}

export function seccompIndex(name: string): number {
  return (SECCOMP_OUTCOMES as readonly string[]).indexOf(name);
}
