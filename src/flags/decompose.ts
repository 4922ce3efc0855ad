import type { FlagTable } from './flagTable.js';

/** A value seen through a flag table: the flags it contains and the bits no flag names. */
export interface Decomposition {
  /** Bare names, in bit order. */
  readonly flags: readonly string[];
  /** The leftover bits that no flag of the table defines. */
  readonly unnamed: number;
}

export function decompose(value: number, table: FlagTable): Decomposition {
  const v = value >>> 0;
  const flags = table.flags.filter((f) => ((v >>> f.bit) & 1) === 1).map((f) => f.name);
  return { flags, unnamed: (v & ~table.definedBits) >>> 0 };
}

/** Recomposes a decomposition; `recompose(decompose(v, t), t) === v` for every v. */
export function recompose(d: Decomposition, table: FlagTable): number {
  let v = d.unnamed >>> 0;
  for (const name of d.flags) {
    const bit = table.bitOf.get(name);
    if (bit === undefined) throw new Error(`no flag ${name} in ${table.word}`);
    v = (v | (1 << bit)) >>> 0;
  }
  return v;
}

/** The bits of a value, lowest first. */
export function bitsOf(value: number): number[] {
  const out: number[] = [];
  for (let b = 0; b < 32; b++) if (((value >>> b) & 1) === 1) out.push(b);
  return out;
}
