import { hashWords, packState, STATE_WORDS } from './packedState.js';
/**
 * The machine state of an exit run: everything that decides what happens next, plus a few
 * saturating counters the properties need. Two states with equal keys behave identically.
 */
export interface ModelState<L extends string = string> {
  /** Program point: an asm label or C function of the kernel. */
  readonly label: L;
  /** ti->flags. */
  readonly flags: number;
  /** ti->syscall_work (generic entry, 5.11+): the syscall modes; 0 in kernels without the word. */
  readonly syscallWork: number;
  /** The work mask the asm keeps in a register (%edi); 0 where the path keeps none. */
  readonly mask: number;
  /** The last snapshot of flags & mask (%edx, or %ebx on the paranoid path). */
  readonly work: number;
  readonly irqs: boolean;
  /** pt_regs complete (SAVE_REST / SAVE_EXTRA_REGS done). */
  readonly fullFrame: boolean;
  /** FIXUP_TOP_OF_STACK done: sp, ss, cs, flags and rcx filled in on a SYSCALL frame. */
  readonly topOfStack: boolean;
  /** pt_regs may have been changed since entry (a tracer at a stop, a signal frame, uprobes). */
  readonly regsChanged: boolean;
  /** What the return decision reads of pt_regs, and who wrote them (model/registers.ts). */
  readonly regs: number;
  /** The audit context is in a syscall (entry audited, exit not yet). */
  readonly auditInSyscall: boolean;
  /** The flags were last read with IRQs off, and IRQs have stayed off since. */
  readonly lastReadIrqsOff: boolean;
  /** Exit work owed since the first read of the flags (bit per ExitWork). */
  readonly owed: number;
  /** Exit work done so far, two saturating bits per ExitWork. */
  readonly done: number;
  /** The path has read the flags at least once. */
  readonly sampled: boolean;
  /** Whole syscalls only (0 elsewhere): which syscall runs, a SYSCALL_KINDS index. */
  readonly kind: number;
  /** Whole syscalls only: what a seccomp filter decides, a SECCOMP_OUTCOMES index. */
  readonly seccomp: number;
  /** orig_ax is -1: the syscall body is skipped (seccomp, SYSCALL_EMU, or the tracer). */
  readonly nrSkip: boolean;
  /** The syscall table was called from the fast path (stubs return there). */
  readonly fastPath: boolean;
  /**
   * Whole syscalls: the entry work was due (an entry mode was set) and never ran, because the
   * syscall ended before it (generic entry's compat argument fault). Kept to the return.
   */
  readonly entrySkipped: boolean;
  /**
   * 7.0+: an rseq time-slice extension is granted (current->rseq.slice.state.granted): the exit
   * loop replaced a schedule() by it, and it lasts until revoked or it expires.
   */
  readonly sliceGranted: boolean;
  /** Entry work done, two saturating bits per EntryWork, and phase 1's answer in bits 12-13. */
  readonly entry: number;
  /** Whole syscalls, until the body is dispatched: ti->flags when the syscall entered the kernel. */
  readonly entryFlags: number;
  /**
   * Whole syscalls, until the body is dispatched: the tracer's actions at the entry stops, as setter
   * numbers (index + 1 in the context's setters), six bits each, oldest lowest.
   */
  readonly entryEvents: number;
}

export {
  SECCOMP_OUTCOMES,
  type SeccompOutcome,
  SYSCALL_KINDS,
  type SyscallKind,
} from '../kernels/syscalls.js';

/** The entry work `entry-work-once` counts, and the phases two-phase entry runs. */
export const ENTRY_WORK = [
  'seccomp',
  'ptrace entry report',
  'entry tracepoint',
  'audit entry',
  'phase 1',
  'phase 2',
] as const;
export type EntryWork = 0 | 1 | 2 | 3 | 4 | 5;
export const SECCOMP_RAN: EntryWork = 0;
export const ENTRY_REPORT: EntryWork = 1;
export const ENTRY_TRACEPOINT: EntryWork = 2;
export const AUDIT_ENTRY: EntryWork = 3;
export const PHASE1: EntryWork = 4;
export const PHASE2: EntryWork = 5;

/** Phase 1's return value as the asm sees it: 0 (done, fast path may go on), 1, or a seccomp result. */
export const PHASE1_ANSWER = ['none', 'zero', 'one', 'seccomp'] as const;

/** Counter `i` of a word of two-bit counters. */
const counter = (word: number, i: number): number => (word >>> (2 * i)) & 3;

/** Counter `i` plus one, saturating at 2 ("more than once" is all a property needs to know). */
const bump = (word: number, i: number): number =>
  (word & ~(3 << (2 * i))) | (Math.min(counter(word, i) + 1, 2) << (2 * i));

/**
 * The bits of a word of counters that are set exactly when one of counters `ws` is past one: a
 * counter saturates at two (binary 10), so its high bit says so. A property tests this first.
 */
export function pastOnceBits(ws: readonly number[]): number {
  return ws.reduce((m, i) => m | (2 << (2 * i)), 0);
}

export function entryCount(s: ModelState, w: EntryWork): number {
  return counter(s.entry, w);
}

export function countEntry(entry: number, w: EntryWork): number {
  return bump(entry, w);
}

export function phase1Answer(s: ModelState): (typeof PHASE1_ANSWER)[number] {
  return PHASE1_ANSWER[(s.entry >>> 12) & 3] ?? 'none';
}

export function withPhase1Answer(entry: number, answer: (typeof PHASE1_ANSWER)[number]): number {
  return (entry & ~(3 << 12)) | (PHASE1_ANSWER.indexOf(answer) << 12);
}

/** The pieces of syscall exit work `exit-trace-once` counts. */
export const EXIT_WORK = ['audit exit', 'exit tracepoint', 'ptrace exit report'] as const;
export type ExitWork = 0 | 1 | 2;
export const AUDIT_EXIT: ExitWork = 0;
export const EXIT_TRACEPOINT: ExitWork = 1;
export const EXIT_REPORT: ExitWork = 2;

export function doneCount(s: ModelState, w: ExitWork): number {
  return counter(s.done, w);
}

export function countDone(done: number, w: ExitWork): number {
  return bump(done, w);
}

/** Scratch words for the key and hash of one state at a time. */
const scratch = new Int32Array(STATE_WORDS);

/**
 * A compact key: the packed words (model/packedState.ts) as two UTF-16 units each. Equal keys mean
 * equal states. `run` and the minimal-counterexample search key states by it.
 */
export function stateKey(s: ModelState): string {
  packState(s, scratch, 0);
  let key = '';
  for (let i = 0; i < STATE_WORDS; i++) {
    const w = scratch[i] as number;
    key += String.fromCharCode(w & 0xffff, w >>> 16);
  }
  return key;
}

/** Equal states, field by field: the same fields as `stateKey`, without packing them. */
export function sameState(a: ModelState, b: ModelState): boolean {
  return (
    a.label === b.label &&
    a.flags === b.flags &&
    a.syscallWork === b.syscallWork &&
    a.mask === b.mask &&
    a.work === b.work &&
    a.irqs === b.irqs &&
    a.fullFrame === b.fullFrame &&
    a.topOfStack === b.topOfStack &&
    a.regsChanged === b.regsChanged &&
    a.regs === b.regs &&
    a.auditInSyscall === b.auditInSyscall &&
    a.lastReadIrqsOff === b.lastReadIrqsOff &&
    a.sampled === b.sampled &&
    a.owed === b.owed &&
    a.done === b.done &&
    a.kind === b.kind &&
    a.seccomp === b.seccomp &&
    a.nrSkip === b.nrSkip &&
    a.fastPath === b.fastPath &&
    a.entrySkipped === b.entrySkipped &&
    a.sliceGranted === b.sliceGranted &&
    a.entry === b.entry &&
    a.entryFlags === b.entryFlags &&
    a.entryEvents === b.entryEvents
  );
}

/** A 32-bit hash of the fields `sameState` compares: the hash of the packed words. */
export function stateHash(s: ModelState): number {
  packState(s, scratch, 0);
  return hashWords(scratch, 0);
}

/** A state being built: a copy whose fields can still be written. */
export type DraftState<L extends string = string> = {
  -readonly [K in keyof ModelState<L>]: ModelState<L>[K];
};

/**
 * A copy of a state, written out field by field so that every state has the same shape (the
 * explorer creates millions, and spreads of partial objects are slow in V8). The helpers that run
 * most often (model/pending.ts: goto, the IRQ switches, setters; readFlags; the pt_regs writes)
 * copy and then write the fields they change by name: three times cheaper than `changed`.
 */
export function copyState<L extends string>(s: ModelState<L>): DraftState<L> {
  return {
    label: s.label,
    flags: s.flags,
    syscallWork: s.syscallWork,
    mask: s.mask,
    work: s.work,
    irqs: s.irqs,
    fullFrame: s.fullFrame,
    topOfStack: s.topOfStack,
    regsChanged: s.regsChanged,
    regs: s.regs,
    auditInSyscall: s.auditInSyscall,
    lastReadIrqsOff: s.lastReadIrqsOff,
    owed: s.owed,
    done: s.done,
    sampled: s.sampled,
    kind: s.kind,
    seccomp: s.seccomp,
    nrSkip: s.nrSkip,
    fastPath: s.fastPath,
    entrySkipped: s.entrySkipped,
    sliceGranted: s.sliceGranted,
    entry: s.entry,
    entryFlags: s.entryFlags,
    entryEvents: s.entryEvents,
  };
}

/**
 * A copy of a state with some fields changed: the copy, then the changes assigned over it (reading
 * the changes field by field instead was a sixth of a fast-check search, the partial objects having
 * many shapes). exactOptionalPropertyTypes keeps `undefined` out of the changes.
 */
export function changed<L extends string>(s: ModelState<L>, c: Partial<ModelState<L>>): ModelState<L> {
  return Object.assign(copyState(s), c);
}
