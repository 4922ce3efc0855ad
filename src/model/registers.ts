/**
 * The saved user registers (pt_regs) as a return decision reads them (kernel-facts.md §6), packed in
 * one small word of the state:
 *
 * - bits 0-6, the facts: RIP's class (2 bits: user half, non-canonical, kernel half, or the 32-bit
 *   vDSO's int80 landing pad, a user-half address the compat return tests for), RCX other than
 *   RIP, R11 other than RFLAGS, CS/SS a 32-bit task's (__USER32_CS) rather than __USER_CS, TF, RF;
 * - bit 7, whether the facts are known; while they are not, bits 0-6 hold the values the writer
 *   leaves when it does nothing special (the deterministic branch);
 * - bits 8-10, who wrote pt_regs last (WRITERS);
 * - bit 11, the status flag of seed 001's design (TS_FASTSYSCALL), where a kernel uses it.
 *
 * Values a writer chooses freely (a tracer, a signal frame, the interrupted user code) are chosen
 * where they are first read, not where they are written: nothing reads them in between, so the
 * runs are the same, and a search does not branch at every ptrace stop on values no exit looks at.
 */

export const RIP_CLASSES = ['user', 'non-canonical', 'kernel-half', 'landing-pad'] as const;
export type RipClass = (typeof RIP_CLASSES)[number];
/** The int80 landing pad as a RIP class: where do_fast_syscall_32 points a compat syscall's RIP. */
export const LANDING_PAD = 3;

export const RCX_OTHER = 1 << 2;
export const R11_OTHER = 1 << 3;
/**
 * CS/SS are __USER32_CS/__USER_DS, a 32-bit task's, instead of __USER_CS/__USER_DS: "other" for a
 * 64-bit return, the entry's own for a compat one. Any other selector fails the tests of both,
 * as this one fails the 64-bit tests, so two values are enough.
 */
export const USER32_SEGS = 1 << 4;
export const TF = 1 << 5;
export const RF = 1 << 6;
const FACTS = 0x7f;
const KNOWN = 1 << 7;
const FAST_SYSCALL = 1 << 11;

/**
 * Who wrote pt_regs last, and so what they can hold.
 * - syscall: SYSCALL built them (RCX = RIP, R11 = RFLAGS, user CS/SS; kernel-facts.md §6).
 * - user: the interrupted user code; any values a user program can hold (RIP in the user half).
 * - tracer: a ptrace tracer at a stop (PTRACE_POKEUSER / SETREGS): any values.
 * - sigreturn: rt_sigreturn from a signal frame the user wrote: any values.
 * - start_thread: execve's new program (RIP, RSP, CS/SS, RFLAGS = IF; RCX and R11 left stale).
 * - signal: signal delivery or a syscall restart moved RIP (handler, or back 2 bytes); RCX stale.
 * - uprobe: uprobe_notify_resume points RIP at the out-of-line slot and sets TF to step it.
 */
export const WRITERS = [
  'syscall',
  'user',
  'tracer',
  'sigreturn',
  'start_thread',
  'signal',
  'uprobe',
] as const;
export type Writer = (typeof WRITERS)[number];

/** Writers whose values are their own choice: read, they branch over every value. */
const FREE: ReadonlySet<Writer> = new Set(['user', 'tracer', 'sigreturn']);

export const factsOf = (regs: number): number => regs & FACTS;
export const isKnown = (regs: number): boolean => (regs & KNOWN) !== 0;
export const writerOf = (regs: number): Writer => WRITERS[(regs >>> 8) & 7] ?? 'syscall';
export const fastSyscall = (regs: number): boolean => (regs & FAST_SYSCALL) !== 0;
export const ripOf = (facts: number): RipClass => RIP_CLASSES[facts & 3] ?? 'user';
/** RIP in the user half: the landing pad is one more user address to every test but the compat one. */
export const ripInUserHalf = (facts: number): boolean => {
  const rip = ripOf(facts);
  return rip === 'user' || rip === 'landing-pad';
};

export function withFastSyscall(regs: number, on: boolean): number {
  return on ? regs | FAST_SYSCALL : regs & ~FAST_SYSCALL;
}

/** pt_regs as `writer` leaves them: known facts, or (a free writer) the facts it leaves by default. */
export function written(regs: number, writer: Writer, facts?: number): number {
  const f = facts ?? factsOf(regs);
  const known = !FREE.has(writer);
  return (regs & FAST_SYSCALL) | (WRITERS.indexOf(writer) << 8) | (known ? KNOWN : 0) | (f & FACTS);
}

/** do_fast_syscall_32's fixup: RIP set to the landing pad, the rest as the entry built it. */
export function atLandingPad(regs: number): number {
  return (regs & ~3) | LANDING_PAD;
}

/** The facts made known, as read. */
export function readAs(regs: number, facts: number): number {
  return (regs & ~FACTS) | KNOWN | (facts & FACTS);
}

/** pt_regs as SYSCALL built them. */
export const SYSCALL_REGS = written(0, 'syscall', 0);
/**
 * pt_regs as a compat entry (SYSCALL32 or SYSENTER from the 32-bit vDSO) builds them: a 32-bit
 * task's CS, RIP just past the instruction in the vDSO, ECX holding the argument the vDSO moved
 * there, R11 saved as 0 (recalled from the 4.4 entry_64_compat.S, not read). do_fast_syscall_32
 * then points RIP at the landing pad (the compatSyscall machines).
 */
export const COMPAT_SYSCALL_REGS = written(0, 'syscall', RCX_OTHER | R11_OTHER | USER32_SEGS);

/** At an interrupt or exception from user mode: whatever the code held; by default RCX and R11 unrelated. */
export const USER_REGS = written(0, 'user', RCX_OTHER | R11_OTHER);

const ALL_FACTS: readonly number[] = (() => {
  const out: number[] = [];
  // The landing pad last: a 64-bit return cannot tell it from the user half, so the smallest value
  // of each of its classes, and every value's event number, are the same as without it.
  for (let rip = 0; rip < 4; rip++) for (let rest = 0; rest < 32; rest++) out.push(rip | (rest << 2));
  return out;
})();

function oddFacts(f: number): number {
  let n = (f & 3) !== 0 ? 1 : 0;
  for (let b = 4; b <= 64; b <<= 1) if ((f & b) !== 0) n++;
  return n;
}

const SMALLEST_FIRST: readonly number[] = [...ALL_FACTS].sort((a, b) => oddFacts(a) - oddFacts(b) || a - b);
// User code runs in the user half: the CPU cannot be executing at another RIP.
const USER_SMALLEST_FIRST: readonly number[] = SMALLEST_FIRST.filter(ripInUserHalf);

/** Every value the last writer may have left, smallest first (fewest odd facts). */
export function possibleFacts(regs: number): readonly number[] {
  if (isKnown(regs)) return [factsOf(regs)];
  return writerOf(regs) === 'user' ? USER_SMALLEST_FIRST : SMALLEST_FIRST;
}

const RIP_WORDS: Record<RipClass, string> = {
  user: 'in the user half',
  'non-canonical': 'non-canonical',
  'kernel-half': 'kernel-half',
  'landing-pad': 'at the int80 landing pad',
};

/** The facts as a reader writes them: `RIP non-canonical, RCX = RIP, R11 = RFLAGS, CS = __USER_CS, TF`. */
export function describeFacts(f: number): string {
  const parts = [
    `RIP ${RIP_WORDS[ripOf(f)]}`,
    (f & RCX_OTHER) !== 0 ? 'RCX != RIP' : 'RCX = RIP',
    (f & R11_OTHER) !== 0 ? 'R11 != RFLAGS' : 'R11 = RFLAGS',
    (f & USER32_SEGS) !== 0 ? 'CS = __USER32_CS' : 'CS = __USER_CS',
  ];
  if ((f & TF) !== 0) parts.push('TF');
  if ((f & RF) !== 0) parts.push('RF');
  return parts.join(', ');
}

/** pt_regs in a trace line: who wrote them and, once read, what they hold. */
export function describeRegs(regs: number): string {
  const w = writerOf(regs);
  return isKnown(regs)
    ? `pt_regs written by ${w}: ${describeFacts(factsOf(regs))}`
    : `pt_regs written by ${w}: any values, chosen where they are read`;
}

/** An event id for a choice of values: `regs.rip-non-canonical.tf`; `regs.as-left` for the default. */
export function factsToken(f: number): string {
  const parts: string[] = [];
  if (ripOf(f) !== 'user') parts.push(`rip-${ripOf(f)}`);
  if ((f & RCX_OTHER) !== 0) parts.push('rcx-other');
  if ((f & R11_OTHER) !== 0) parts.push('r11-other');
  if ((f & USER32_SEGS) !== 0) parts.push('cs32');
  if ((f & TF) !== 0) parts.push('tf');
  if ((f & RF) !== 0) parts.push('rf');
  return `regs.${parts.length === 0 ? 'syscall-like' : parts.join('.')}`;
}

/** Every value's token, for the kernels' event tables. */
export const ALL_FACT_TOKENS: readonly { readonly facts: number; readonly id: string }[] = ALL_FACTS.map(
  (facts) => ({ facts, id: factsToken(facts) }),
);

/** The values without the landing pad: what tells one 64-bit return's tests from another's. */
export const FACT_TOKENS_64: readonly { readonly facts: number; readonly id: string }[] =
  ALL_FACT_TOKENS.filter(({ facts }) => ripOf(facts) !== 'landing-pad');

/** pt_regs in a trace column: `tracer:?` before a read, `tracer:rip-non-canonical` after it. */
export function compactRegs(regs: number): string {
  const facts = isKnown(regs) ? factsToken(factsOf(regs)).slice('regs.'.length) : '?';
  return `${writerOf(regs)}:${facts}${fastSyscall(regs) ? '+TS_FASTSYSCALL' : ''}`;
}
