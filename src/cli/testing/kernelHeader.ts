import { printExpr } from '../../flags/print.js';
import type { KernelId } from '../../kernels/kernelId.js';
import { getKernel } from '../../kernels/registry.js';

/**
 * A thread_info.h written from a built-in kernel's model, for tests: its flags on their bits, each
 * `_TIF_X` as `1 << TIF_X`, and the masks the header itself defines (not those of the entry code),
 * as the model's expressions. Not kernel text: the model's facts, printed.
 */
export function kernelHeader(id: KernelId): string {
  const k = getKernel(id);
  const flags = k.tables.flags?.flags ?? [];
  const lines = [`/* tifcheck test header: the ${id} model's flags and thread_info.h masks */`];
  for (const f of flags) lines.push(`#define TIF_${f.name} ${f.bit}`);
  for (const f of flags) lines.push(`#define _TIF_${f.name} (1 << TIF_${f.name})`);
  for (const [name, def] of k.masks) {
    if (k.maskInfo.get(name)?.outsideHeader === true || def.word !== 'flags') continue;
    lines.push(`#define ${name} (${printExpr(def.expr)})`);
  }
  return `${lines.join('\n')}\n`;
}
