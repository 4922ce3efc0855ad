import type { Subject } from '../../src/check/subject.js';
import type { Occasion } from '../../src/kernels/behaviour/types.js';
import type { PathId } from '../../src/kernels/pathId.js';
import { getKernel } from '../../src/kernels/registry.js';
import { makeContext } from '../../src/model/context.js';

/**
 * What the expected-verdict rules read of a subject: its masks by name (0 where it has none), its
 * flags by name, and the roles the kernel's cited data gives the flags. Never the machines.
 */
export interface FlagRoles {
  readonly mask: (name: string) => number;
  readonly bit: (name: string) => number;
  /** Flags some code of this kernel sets (never the ones it never sets). */
  readonly settable: number;
  readonly oneShot: number;
  readonly sticky: number;
  /** The flags do_notify_resume (or the C loop body) hands to a callee. */
  readonly notify: number;
  /** The flags the setters acting on these occasions set. */
  readonly setBy: (...occasions: readonly Occasion[]) => number;
  /**
   * The work of syscall_trace_leave (or syscall_slow_exit_work): audit exit, exit tracepoint,
   * ptrace report and single-step trap (kernel-facts.md §4, the syscall_trace_leave row). NOHZ is in
   * the exit masks for context tracking only, which no property counts.
   */
  readonly traced: number;
  /** The released kernel's value of a mask, whatever the subject's edits did to it. */
  readonly released: (name: string) => number;
}

export function rolesOf(subject: Subject, path?: PathId): FlagRoles {
  const ctx = makeContext(subject.input, path);
  const bit = (n: string): number => ctx.bit(n);
  const union = (names: readonly string[]): number => names.reduce((v, n) => (v | bit(n)) >>> 0, 0);
  const released = getKernel(subject.pathsFrom).values;
  return {
    mask: (name) => subject.input.masks.get(name) ?? 0,
    bit,
    settable: (ctx.settable & ~ctx.neverSet) >>> 0,
    oneShot: ctx.returnWork,
    sticky: ctx.sticky,
    notify: union(subject.input.behaviour.doNotifyResume.map((s) => s.flag)),
    setBy: (...occasions) =>
      occasions.flatMap((o) => ctx.byOccasion[o]).reduce((v, s) => (v | s.sets) >>> 0, 0),
    traced: union(['SYSCALL_TRACE', 'SINGLESTEP', 'SYSCALL_AUDIT', 'SYSCALL_TRACEPOINT']),
    released: (name) => released.get(name) ?? 0,
  };
}
