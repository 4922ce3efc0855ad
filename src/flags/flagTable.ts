import { err, inputError, ok, type Result, type Where } from './errors.js';
import { bareFlagName, type WordId } from './words.js';

/** One flag: its bare name (`UPROBE`) and its bit number in its word. */
export interface FlagDef {
  readonly name: string;
  readonly bit: number;
}

/** The flags of one word, both ways round. Bits are 0..31; names and bits are unique. */
export interface FlagTable {
  readonly word: WordId;
  /** In bit order. */
  readonly flags: readonly FlagDef[];
  readonly bitOf: ReadonlyMap<string, number>;
  readonly nameOf: ReadonlyMap<number, string>;
  /** Every bit some flag defines. */
  readonly definedBits: number;
}

export const MAX_BIT = 31;

/**
 * Builds a table, rejecting what a real header must not contain: a bit outside 0..31, two flags on
 * one bit, one name twice. `whereOf` says where each entry came from, for the error.
 */
export function makeFlagTable(
  word: WordId,
  entries: readonly FlagDef[],
  whereOf?: (name: string) => Where | undefined,
): Result<FlagTable> {
  const bitOf = new Map<string, number>();
  const nameOf = new Map<number, string>();
  for (const { name: raw, bit } of entries) {
    const name = bareFlagName(raw, word);
    const where = whereOf?.(raw);
    if (!Number.isInteger(bit) || bit < 0 || bit > MAX_BIT) {
      return err(
        inputError('bit-out-of-range', `flag ${name} has bit number ${bit}; bits must be 0..31`, where),
      );
    }
    if (bitOf.has(name)) {
      return err(inputError('duplicate-name', `flag ${name} is defined twice`, where));
    }
    const other = nameOf.get(bit);
    if (other !== undefined) {
      return err(inputError('duplicate-bit', `flags ${other} and ${name} are both bit ${bit}`, where));
    }
    bitOf.set(name, bit);
    nameOf.set(bit, name);
  }
  const flags = [...bitOf].map(([name, bit]) => ({ name, bit })).sort((a, b) => a.bit - b.bit);
  const definedBits = flags.reduce((acc, f) => (acc | (1 << f.bit)) >>> 0, 0);
  return ok({ word, flags, bitOf, nameOf, definedBits });
}

/** The mask value of one flag (`_TIF_X`), or undefined when the table has no such flag. */
export function flagValue(table: FlagTable, name: string): number | undefined {
  const bit = table.bitOf.get(bareFlagName(name, table.word));
  return bit === undefined ? undefined : (1 << bit) >>> 0;
}
