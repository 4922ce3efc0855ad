import { printExpr } from '../../flags/print.js';
import type { KernelId } from '../../kernels/kernelId.js';
import { getKernel } from '../../kernels/registry.js';
import { kernelHeader } from './kernelHeader.js';

/**
 * A small kernel tree written from a built-in kernel's model, for tests: a Makefile of its
 * release, thread_info.h (kernelHeader), and the entry code's exit masks of ti->flags in
 * arch/x86/entry/common.c (4.x) or include/linux/entry-common.h (generic entry). Files keyed
 * `DIR/path`. The model's facts printed, not kernel text.
 */
export function kernelTree(id: KernelId, dir: string): Record<string, string> {
  const k = getKernel(id);
  const [major = 0, minor = 0] = id.slice(1).split(/[.-]/).map(Number);
  const entry =
    k.behaviour.exitModel === 'generic' ? 'include/linux/entry-common.h' : 'arch/x86/entry/common.c';
  const lines = ['/* tifcheck test tree: the exit masks of the entry code */'];
  for (const [name, def] of k.masks) {
    if (k.maskInfo.get(name)?.outsideHeader !== true || def.word !== 'flags') continue;
    lines.push(`#define ${name} (${printExpr(def.expr)})`);
  }
  return {
    [`${dir}/Makefile`]: `# tifcheck test tree\nVERSION = ${major}\nPATCHLEVEL = ${minor}\nSUBLEVEL = 0\nEXTRAVERSION =\n`,
    [`${dir}/arch/x86/include/asm/thread_info.h`]: kernelHeader(id),
    [`${dir}/${entry}`]: `${lines.join('\n')}\n`,
  };
}
