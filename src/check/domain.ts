import { bitsOf } from '../flags/decompose.js';
import type { PathId } from '../kernels/pathId.js';
import type { ModelContext } from '../model/context.js';
import { initialFlagsOf, type Machine, pathMasks } from '../model/machine.js';
import { EXIT_WORK_FLAGS } from '../model/machines/readFlags.js';
import { popcount, type Root, rootOf } from '../model/root.js';
import { SECCOMP_OUTCOMES, SYSCALL_KINDS } from '../model/state.js';

/**
 * The roots a path is checked from. Flags: every bit the path can begin with (by default, every bit
 * its masks can see, and every flag of the work a return owes) that some code can set. With `raw`, also the bits no flag defines and the
 * flags the kernel never sets (the kernel never produces those; `mask-dead-bits` is about them).
 * A whole syscall also ranges over the syscalls and, when TIF_SECCOMP is set, the seccomp outcomes.
 */
export interface Domain {
  readonly bits: readonly number[];
  readonly value: number;
  readonly raw: boolean;
  /** SYSCALL_KINDS indices; [0] outside whole syscalls. */
  readonly kinds: readonly number[];
  /** SECCOMP_OUTCOMES indices, used only with `seccompBit` set; [0] outside whole syscalls. */
  readonly seccomps: readonly number[];
  /** TIF_SECCOMP's bit where the seccomp outcome matters, else 0. */
  readonly seccompBit: number;
  /**
   * Generic entry's whole syscalls: the ti->syscall_work modes a syscall can begin with (each
   * 1 << bit of that word), and SYSCALL_WORK_SECCOMP's bit where the seccomp outcome matters.
   * Empty and 0 elsewhere.
   */
  readonly workBits: readonly number[];
  readonly seccompWorkBit: number;
  /**
   * The bits grouped by which of the path's masks contain them: flags in one group are tested
   * alike, flags in different groups are what the masks treat differently. The fuzzer picks a
   * group before a flag, so a flag alone in its group is not drowned by a dozen alike.
   */
  readonly classes: readonly (readonly number[])[];
}

const ONLY_FIRST: readonly number[] = [0];

export function domainOf(ctx: ModelContext, machine: Machine, raw: boolean): Domain {
  // An exit path begins from what its masks see and, even where no mask sees it, the work a return
  // owes (and a syscall's return, the flags that owe exit work): that is how a flag dropped from the
  // only mask that tests it shows up (returned with the work still pending, or never traced);
  // visible bits alone would never set it and call the path sound. A whole
  // syscall declares what can be pending at entry (the modes), and interrupts set the rest.
  const exitWork = machine.isSyscall ? EXIT_WORK_FLAGS.reduce((v, n) => (v | ctx.bit(n)) >>> 0, 0) : 0;
  const owed = machine.initialFlags === undefined ? (ctx.returnWork | exitWork) >>> 0 : 0;
  const visible = (initialFlagsOf(machine, ctx) | owed) >>> 0;
  let value = (visible & ctx.settable & ~ctx.neverSet) >>> 0;
  if (raw) value = (value | (visible & ~ctx.input.table.definedBits) | (visible & ctx.neverSet)) >>> 0;
  const whole = machine.wholeSyscall;
  const bits = bitsOf(value).map((b) => (1 << b) >>> 0);
  const work = (machine.initialWork?.(ctx) ?? 0) & ctx.settableWork;
  return {
    bits,
    value,
    raw,
    classes: classesOf(
      bits,
      pathMasks(machine, ctx.input.behaviour).map((m) => ctx.mask(m)),
    ),
    kinds: whole ? SYSCALL_KINDS.map((_, i) => i) : ONLY_FIRST,
    seccomps: whole ? SECCOMP_OUTCOMES.map((_, i) => i) : ONLY_FIRST,
    seccompBit: whole ? (value & ctx.bit('SECCOMP')) >>> 0 : 0,
    workBits: bitsOf(work).map((b) => (1 << b) >>> 0),
    seccompWorkBit: whole ? (work & ctx.workBit('SECCOMP')) >>> 0 : 0,
  };
}

/** Bits grouped by the set of masks that contain them, groups in order of their lowest bit. */
function classesOf(bits: readonly number[], masks: readonly number[]): number[][] {
  const groups = new Map<string, number[]>();
  for (const b of bits) {
    const key = masks.map((m) => ((m & b) !== 0 ? '1' : '0')).join('');
    const g = groups.get(key);
    if (g === undefined) groups.set(key, [b]);
    else g.push(b);
  }
  return [...groups.values()];
}

/** The same domain over fewer flags. */
export function withBits(d: Domain, bits: readonly number[]): Domain {
  const value = bits.reduce((v, b) => (v | b) >>> 0, 0);
  const classes = d.classes.map((c) => c.filter((b) => (b & value) !== 0)).filter((c) => c.length > 0);
  return { ...d, bits, value, seccompBit: (d.seccompBit & value) >>> 0, classes };
}

/**
 * The roots with these flags (and syscall_work modes): each syscall, and each seccomp outcome
 * where seccomp is on.
 */
export function rootsWith(d: Domain, flags: number, work = 0): Root[] {
  const seccomp = (flags & d.seccompBit) !== 0 || (work & d.seccompWorkBit) !== 0;
  const outcomes = seccomp ? d.seccomps : ONLY_FIRST;
  return d.kinds.flatMap((k) => outcomes.map((o) => rootOf(flags, k, o, work)));
}

/** Whether a root's seccomp outcome is one the domain ranges over (seccomp on). */
export function seccompMatters(d: Domain, flags: number, work: number): boolean {
  return (flags & d.seccompBit) !== 0 || (work & d.seccompWorkBit) !== 0;
}

/**
 * Every starting set of both words: fewest flags in all first, then by ti->flags, then by
 * syscall_work. Without syscall_work modes, exactly `subsetsInOrder(d.bits)`.
 */
export function flagSetsInOrder(d: Domain): { flags: number; work: number }[] {
  const n = d.bits.length;
  const w = d.workBits.length;
  const all: { flags: number; work: number; size: number }[] = [];
  for (let m = 0; m < 2 ** (n + w); m++) {
    let flags = 0;
    let work = 0;
    let size = 0;
    for (let i = 0; i < n + w; i++) {
      if ((Math.floor(m / 2 ** i) & 1) === 0) continue;
      size++;
      if (i < n) flags |= d.bits[i] ?? 0;
      else work |= d.workBits[i - n] ?? 0;
    }
    all.push({ flags: flags >>> 0, work: work >>> 0, size });
  }
  all.sort((a, b) => a.size - b.size || a.flags - b.flags || a.work - b.work);
  return all.map(({ flags, work }) => ({ flags, work }));
}

/** Every root of the domain: fewest flags first, then by value, then syscall, then seccomp outcome. */
export function rootsInOrder(d: Domain): Root[] {
  return flagSetsInOrder(d).flatMap(({ flags, work }) => rootsWith(d, flags, work));
}

/** Every subset of the domain, fewest flags first, then by value: the order minimal means. */
export function subsetsInOrder(bits: readonly number[]): number[] {
  const n = bits.length;
  const all: number[] = [];
  for (let m = 0; m < 1 << n; m++) {
    let v = 0;
    for (let i = 0; i < n; i++) if (m & (1 << i)) v |= bits[i] ?? 0;
    all.push(v >>> 0);
  }
  return all.sort((a, b) => popcount(a) - popcount(b) || a - b);
}

export { popcount };

/**
 * Whether the flags can really be pending when the path begins, by what the kernel's setters do;
 * the flags that cannot, each with who sets it and where.
 */
export function latentFlags(
  ctx: ModelContext,
  path: PathId,
  flags: number,
): { flags: number; why: string[] } {
  const latent = (flags & ~ctx.pendingAtEntry(path)) >>> 0;
  const why = bitsOf(latent).map((b) => {
    const v = (1 << b) >>> 0;
    const name = ctx.fmt(v);
    const setsIt = ctx.setters.filter((s) => (s.sets & v) !== 0);
    const actsHere = (s: (typeof setsIt)[number]) =>
      s.setter.onPaths === undefined || s.setter.onPaths.includes(path);
    const by = setsIt.filter(actsHere);
    const elsewhere = setsIt.filter((s) => !actsHere(s)).map((s) => `${s.id} does not act during ${path}`);
    if ((ctx.neverSet & v) !== 0) return `${name}: nothing sets it on x86-64`;
    if ((ctx.input.table.definedBits & v) === 0) return `${name}: no flag defines this bit`;
    if (by.length === 0)
      return [`${name}: nothing sets it before or during this path`, ...elsewhere].join('; ');
    const places = by.map((s) => {
      const at = s.setter.pendingAt;
      const before = at === 'all' ? 'any path' : (at ?? []).join(', ') || 'no path';
      const where = s.setter.during !== undefined ? `during ${s.setter.during}` : `before ${before}`;
      const also = (s.sets & ~v) >>> 0;
      return `${s.id} (${where}${also ? `, together with ${ctx.fmt(also)}` : ''})`;
    });
    return [`${name} is set only by ${places.join(' and ')}`, ...elsewhere].join('; ');
  });
  return { flags: latent, why };
}
