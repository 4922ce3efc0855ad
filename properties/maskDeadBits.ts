import { defineKernelProperty } from '../src/check/property.js';
import { fromSeed } from '../src/kernels/cite.js';

/**
 * A lint, not a bug: masks built from constants such as 0x0000FFFF contain every low bit no flag
 * defines. Seed 003: "0xe200 (aka bits 15,14,13,9) consists of the bits that are never set by anybody".
 */
export const maskDeadBits = defineKernelProperty({
  id: 'mask-dead-bits',
  statement: 'No work mask contains bits that no flag defines (a lint, not a bug).',
  cite: fromSeed('003_22c8ab191e039a08.txt: the never-set bits 0xe200'),
  check(ctx, maskNames) {
    const tableOf = (name: string) => ctx.input.maskTables?.get(name) ?? ctx.input.table;
    const masks = maskNames
      .map((name) => ({ name, bits: (ctx.mask(name) & ~tableOf(name).definedBits) >>> 0 }))
      .filter((m) => m.bits !== 0);
    if (masks.length === 0) return undefined;
    return {
      message: masks.map((m) => `${m.name} contains ${ctx.fmt(m.bits)}, which no flag defines`).join('; '),
      masks,
    };
  },
});
