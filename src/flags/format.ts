import { decompose } from './decompose.js';
import type { FlagTable } from './flagTable.js';

/** `0x0000fe2e`: every full 32-bit value is printed this way. */
export function hex32(value: number): string {
  return `0x${(value >>> 0).toString(16).padStart(8, '0')}`;
}

/** `0xe220`: leftover bits, as short as the kernel developers write them. */
export function hexShort(value: number): string {
  return `0x${(value >>> 0).toString(16)}`;
}

/**
 * The one way tifcheck writes a set of flags: `NOTIFY_RESUME|SIGPENDING|UPROBE|0xe220`, named flags
 * in bit order, then any unnamed bits as one hex number; `0` when nothing is set.
 */
export function formatFlags(value: number, table: FlagTable): string {
  const d = decompose(value, table);
  const parts: string[] = [...d.flags];
  if (d.unnamed !== 0) parts.push(hexShort(d.unnamed));
  return parts.length === 0 ? '0' : parts.join('|');
}

/** `NOTIFY_RESUME|SIGPENDING (0x00000006)`. */
export function formatFlagsWithHex(value: number, table: FlagTable): string {
  return `${formatFlags(value, table)} (${hex32(value)})`;
}
