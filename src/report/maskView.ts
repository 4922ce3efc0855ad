import { type TreeHeader, versionText } from '../check/treeSubject.js';
import type { HeaderModel } from '../flags/header/readHeader.js';
import type { MaskSet, Tables } from '../flags/maskSet.js';
import { formatCite } from '../kernels/cite.js';
import type { Kernel } from '../kernels/kernel.js';
import { getKernel } from '../kernels/registry.js';

/** The masks of a kernel or of a header file, ready to print. */
export interface MaskView {
  /** A kernel id, or the header's path as given. */
  readonly source: string;
  readonly kind: 'kernel' | 'header';
  readonly title: string;
  readonly tables: Tables;
  readonly masks: MaskSet;
  readonly values: ReadonlyMap<string, number>;
  readonly testedBy: ReadonlyMap<string, string>;
  readonly cites: ReadonlyMap<string, string>;
  readonly notes: readonly string[];
}

export function maskViewOfKernel(k: Kernel): MaskView {
  const testedBy = new Map<string, string>();
  const cites = new Map<string, string>();
  for (const [name, info] of k.maskInfo) {
    testedBy.set(name, info.testedBy);
    cites.set(name, formatCite(info.cite));
  }
  const notes = k.parent === undefined ? [] : [`derived from ${k.parent} by: ${k.edits.join('; ')}`];
  return {
    source: k.id,
    kind: 'kernel',
    title: k.title,
    tables: k.tables,
    masks: k.masks,
    values: k.values,
    testedBy,
    cites,
    notes,
  };
}

export function maskViewOfHeader(h: HeaderModel): MaskView {
  return {
    source: h.file,
    kind: 'header',
    title: 'read as x86-64 (CONFIG_X86_64 defined, CONFIG_X86_32 not; __ASSEMBLY__ both ways)',
    tables: h.tables,
    masks: h.masks,
    values: h.values,
    testedBy: new Map(),
    cites: new Map(),
    notes: h.notes,
  };
}

/**
 * A kernel tree's masks: those of its thread_info.h (and the generic TIF header it includes) and of
 * its entry code, each cited by the file and line that defines it.
 */
export function maskViewOfTree(t: TreeHeader): MaskView {
  const k = getKernel(t.era);
  const testedBy = new Map<string, string>();
  const cites = new Map<string, string>();
  for (const [name, def] of t.header.masks) {
    const info = k.maskInfo.get(name);
    if (info !== undefined) testedBy.set(name, `${info.testedBy} (in ${k.id})`);
    if (def.where?.kind === 'file') cites.set(name, `${def.where.file}:${def.where.line ?? 1}`);
  }
  return {
    source: t.header.file,
    kind: 'header',
    title: `a kernel tree, Linux ${versionText(t.version)}, read as x86-64`,
    tables: t.header.tables,
    masks: t.header.masks,
    values: t.header.values,
    testedBy,
    cites,
    notes: t.notes,
  };
}
