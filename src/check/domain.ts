import { bitsOf } from '../flags/decompose.js';
import type { PathId } from '../kernels/pathId.js';
import type { ModelContext } from '../model/context.js';
import type { Machine } from '../model/machine.js';

/**
 * The initial flags a path is checked from: every bit a mask of the path can see and some code can
 * set. With `raw`, also the bits no flag defines and the flags the kernel never sets (the kernel
 * never produces those; `mask-dead-bits` is about them).
 */
export interface Domain {
  readonly bits: readonly number[];
  readonly value: number;
  readonly raw: boolean;
}

export function domainOf(ctx: ModelContext, machine: Machine, raw: boolean): Domain {
  const visible = machine.masks.reduce((v, m) => (v | ctx.mask(m)) >>> 0, 0);
  let value = (visible & ctx.settable & ~ctx.neverSet) >>> 0;
  if (raw) value = (value | (visible & ~ctx.input.table.definedBits) | (visible & ctx.neverSet)) >>> 0;
  return { bits: bitsOf(value).map((b) => (1 << b) >>> 0), value, raw };
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

export function popcount(v: number): number {
  let x = v >>> 0;
  let c = 0;
  while (x) {
    x &= x - 1;
    c++;
  }
  return c;
}

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
