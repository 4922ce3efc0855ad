import type { ModelState } from './state.js';

/**
 * A state as eight 32-bit words: the form the explorer stores, hashes and compares (an object per
 * state kept the heap busy with hundreds of thousands of long-lived objects), and the one layout
 * `stateKey` and `stateHash` read, so that no two ways of telling states apart can disagree.
 *
 * - word 0: the label's code (10 bits), nine booleans (bits 10-18), `owed` (3 bits, 19-21),
 *   `kind` (3 bits, 22-24), `seccomp` (3 bits, 25-27), `entrySkipped` (bit 28), `sliceGranted` (bit 29);
 * - word 1: `regs` (12 bits), `done` (6 bits, 12-17), `entry` (14 bits, 18-31);
 * - words 2-7: `flags`, `syscallWork`, `mask`, `work`, `entryFlags`, `entryEvents`.
 */
export const STATE_WORDS = 8;

const LABEL_BITS = 10;
const IRQS = 1 << 10;
const FULL_FRAME = 1 << 11;
const TOP_OF_STACK = 1 << 12;
/** `regsChanged` in word 0: what a setter that writes pt_regs turns on. */
export const REGS_CHANGED_BIT = 1 << 13;
const AUDIT_IN_SYSCALL = 1 << 14;
const LAST_READ_IRQS_OFF = 1 << 15;
const SAMPLED = 1 << 16;
/** `nrSkip` in word 0: what a setter that skips the syscall turns on. */
export const NR_SKIP_BIT = 1 << 17;
const FAST_PATH = 1 << 18;
const ENTRY_SKIPPED = 1 << 28;
const SLICE_GRANTED = 1 << 29;

/** Word indices of the fields the explorer changes without unpacking a state. */
export const FLAGS_WORD = 2;
export const SYSCALL_WORK_WORD = 3;
export const MASK_WORD = 4;
export const WORK_WORD = 5;
const REGS = 0xfff;
/** How many values `regs` can take. */
export const REGS_VALUES = REGS + 1;

/**
 * Labels by code. Codes are given on first sight and stable for the process; they are never
 * stored across processes (reports name labels).
 */
const labels: string[] = [];
const codes = new Map<string, number>();

/** The last label coded: the successors of a step mostly share their label. */
let lastLabel = '';
let lastCode = -1;

export function labelCode(label: string): number {
  if (label === lastLabel) return lastCode;
  let c = codes.get(label);
  if (c === undefined) {
    c = labels.length;
    if (c >= 1 << LABEL_BITS) throw new Error(`more than ${1 << LABEL_BITS} labels`);
    labels.push(label);
    codes.set(label, c);
  }
  lastLabel = label;
  lastCode = c;
  return c;
}

export const labelOfCode = (code: number): string => labels[code] ?? `<label ${code}>`;

/** The label code of packed words. */
export const packedLabel = (w: Int32Array, at: number): number => (w[at] as number) & ((1 << LABEL_BITS) - 1);

/** `regs` of packed words. */
export const packedRegs = (w: Int32Array, at: number): number => (w[at + 1] as number) & REGS;

/** Sets `regs` of packed words. */
export function setPackedRegs(w: Int32Array, at: number, regs: number): void {
  w[at + 1] = ((w[at + 1] as number) & ~REGS) | (regs & REGS);
}

/** Writes `s` into `out` from `at`. Throws if a small field outgrows its bits (a model change). */
export function packState(s: ModelState, out: Int32Array, at: number): void {
  if (
    (s.owed | s.kind | s.seccomp) >>> 3 !== 0 ||
    s.regs >>> 12 !== 0 ||
    s.done >>> 6 !== 0 ||
    s.entry >>> 14 !== 0
  )
    throw new Error(`state at ${s.label} does not fit its packed form`);
  out[at] =
    labelCode(s.label) |
    (s.irqs ? IRQS : 0) |
    (s.fullFrame ? FULL_FRAME : 0) |
    (s.topOfStack ? TOP_OF_STACK : 0) |
    (s.regsChanged ? REGS_CHANGED_BIT : 0) |
    (s.auditInSyscall ? AUDIT_IN_SYSCALL : 0) |
    (s.lastReadIrqsOff ? LAST_READ_IRQS_OFF : 0) |
    (s.sampled ? SAMPLED : 0) |
    (s.nrSkip ? NR_SKIP_BIT : 0) |
    (s.fastPath ? FAST_PATH : 0) |
    (s.owed << 19) |
    (s.kind << 22) |
    (s.seccomp << 25) |
    (s.entrySkipped ? ENTRY_SKIPPED : 0) |
    (s.sliceGranted ? SLICE_GRANTED : 0);
  out[at + 1] = s.regs | (s.done << 12) | (s.entry << 18);
  out[at + 2] = s.flags;
  out[at + 3] = s.syscallWork;
  out[at + 4] = s.mask;
  out[at + 5] = s.work;
  out[at + 6] = s.entryFlags;
  out[at + 7] = s.entryEvents;
}

/** The state packed at `at` of `w`. */
export function unpackState(w: Int32Array, at: number): ModelState {
  const w0 = w[at] as number;
  const w1 = w[at + 1] as number;
  return {
    label: labelOfCode(w0 & ((1 << LABEL_BITS) - 1)),
    flags: (w[at + 2] as number) >>> 0,
    syscallWork: (w[at + 3] as number) >>> 0,
    mask: (w[at + 4] as number) >>> 0,
    work: (w[at + 5] as number) >>> 0,
    irqs: (w0 & IRQS) !== 0,
    fullFrame: (w0 & FULL_FRAME) !== 0,
    topOfStack: (w0 & TOP_OF_STACK) !== 0,
    regsChanged: (w0 & REGS_CHANGED_BIT) !== 0,
    regs: w1 & REGS,
    auditInSyscall: (w0 & AUDIT_IN_SYSCALL) !== 0,
    lastReadIrqsOff: (w0 & LAST_READ_IRQS_OFF) !== 0,
    owed: (w0 >>> 19) & 7,
    done: (w1 >>> 12) & 0x3f,
    sampled: (w0 & SAMPLED) !== 0,
    kind: (w0 >>> 22) & 7,
    seccomp: (w0 >>> 25) & 7,
    nrSkip: (w0 & NR_SKIP_BIT) !== 0,
    fastPath: (w0 & FAST_PATH) !== 0,
    entrySkipped: (w0 & ENTRY_SKIPPED) !== 0,
    sliceGranted: (w0 & SLICE_GRANTED) !== 0,
    entry: w1 >>> 18,
    entryFlags: (w[at + 6] as number) >>> 0,
    entryEvents: (w[at + 7] as number) >>> 0,
  };
}

/** A 32-bit hash of the words at `at` (multiply-xorshift mixing). */
export function hashWords(w: Int32Array, at: number): number {
  let h = 0x9e3779b9;
  for (let i = 0; i < STATE_WORDS; i++) {
    h = Math.imul(h ^ (w[at + i] as number), 0x85ebca6b);
    h ^= h >>> 13;
  }
  h = Math.imul(h ^ (h >>> 16), 0xc2b2ae35);
  return h ^ (h >>> 16);
}

/** Whether the states at `a` of `wa` and `b` of `wb` are the same. */
export function sameWords(wa: Int32Array, a: number, wb: Int32Array, b: number): boolean {
  for (let i = 0; i < STATE_WORDS; i++) if (wa[a + i] !== wb[b + i]) return false;
  return true;
}

/** Copies the state at `from` of `a` to `to` of `b`. */
export function copyWords(a: Int32Array, from: number, b: Int32Array, to: number): void {
  for (let i = 0; i < STATE_WORDS; i++) b[to + i] = a[from + i] as number;
}
