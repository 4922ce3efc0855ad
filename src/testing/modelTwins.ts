import { decompose } from '../flags/decompose.js';
import type { Kernel } from '../kernels/kernel.js';
import type { KernelId } from '../kernels/kernelId.js';

/**
 * Kernels whose model is another's but for the citations and the bit numbers (the model reads
 * flags by name): 6.17 is 6.14's code in moved files, 6.18 is 6.17's over the generic numbering.
 * Their verdicts are their twin's; the quick tier checks the twinship (modelTwins.test.ts) and
 * takes the twin's verdicts when the twin holds everything (verifyKernel.ts); the full tier
 * verifies each kernel on its own.
 */
export const MODEL_TWINS: Readonly<Partial<Record<KernelId, KernelId>>> = {
  'v6.17': 'v6.14',
  'v6.18': 'v6.17',
};

/** What tells two kernels' models apart, beyond citations and bit numbers; [] for twins. */
export function modelDifferences(a: Kernel, b: Kernel): string[] {
  const out: string[] = [];
  const uncited = (k: Kernel) =>
    JSON.stringify(k.behaviour, (key, v) => (key === 'cite' || key === 'cites' ? undefined : v));
  if (uncited(a) !== uncited(b)) out.push('behaviour');
  const names = (k: Kernel) => [...(k.tables.flags?.bitOf.keys() ?? [])].sort().join(' ');
  if (names(a) !== names(b)) out.push('flag names');
  const work = (k: Kernel) => JSON.stringify(k.tables.syscall_work?.flags ?? null);
  if (work(a) !== work(b)) out.push('syscall_work bits');
  const masks = (k: Kernel) =>
    [...k.masks.values()]
      .map((m) => {
        const table = k.tables[m.word];
        const d =
          table === undefined ? { flags: [], unnamed: -1 } : decompose(k.values.get(m.name) ?? 0, table);
        return `${m.name}:${m.word}:${[...d.flags].sort().join('|')}:${d.unnamed}`;
      })
      .sort()
      .join(' ');
  if (masks(a) !== masks(b)) out.push('masks');
  return out;
}
