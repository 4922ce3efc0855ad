import { bitsOf } from '../flags/decompose.js';
import type { ModelContext } from '../model/context.js';
import { type Machine, pathMasks } from '../model/machine.js';

const LOOP_NAMES = {
  'asm-3x': 'do_notify_resume',
  'c-4x': 'exit_to_usermode_loop',
  generic: 'exit_to_user_mode_loop',
  none: 'do_notify_resume',
} as const;

/**
 * For each flag of a counterexample, which of the path's masks contain it and which do not: the
 * arithmetic behind the finding, in the kernel's own mask names.
 */
export function maskArithmetic(ctx: ModelContext, machine: Machine, flags: number): string[] {
  // Masks of ti->syscall_work say nothing about a bit of ti->flags.
  const masks = pathMasks(machine, ctx.input.behaviour).filter((m) => ctx.input.maskTables?.has(m) !== true);
  return bitsOf(flags).map((b) => {
    const v = (1 << b) >>> 0;
    const inMasks = masks.filter((m) => (ctx.mask(m) & v) !== 0);
    const outMasks = masks.filter((m) => (ctx.mask(m) & v) === 0);
    const named = (ctx.input.table.definedBits & v) !== 0;
    const what = named
      ? `${ctx.fmt(v)} (0x${v.toString(16).padStart(8, '0')})`
      : `bit ${b} (${ctx.fmt(v)}), which no flag defines,`;
    const parts = [];
    if (inMasks.length) parts.push(`is in ${inMasks.join(', ')}`);
    if (outMasks.length) parts.push(`not in ${outMasks.join(', ')}`);
    const kb = ctx.input.behaviour;
    const handlers = [...kb.doNotifyResume, ...(kb.afterExitLoop ?? [])];
    const handled = handlers.some((s) => ctx.bit(s.flag) === v);
    const loop = LOOP_NAMES[machine.family];
    const handler = handled ? '' : `; ${loop} does not handle it`;
    return `${what} ${parts.join(' but ')}${handler}.`;
  });
}
