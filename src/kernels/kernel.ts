import type { FlagTable } from '../flags/flagTable.js';
import type { MaskSet, Tables } from '../flags/maskSet.js';
import type { WordId } from '../flags/words.js';
import type { Behaviour } from './behaviour/types.js';
import type { Cite } from './cite.js';
import type { KernelId } from './kernelId.js';

/** What the kernel says about one mask besides its expression. */
export interface MaskInfo {
  readonly testedBy: string;
  readonly cite: Cite;
  /** Not a thread_info.h mask (see MaskSpec.outsideHeader). */
  readonly outsideHeader?: true;
}

/** A built-in kernel, built from its spec: tables, masks as expressions, and their values. */
export interface Kernel {
  readonly id: KernelId;
  readonly title: string;
  /** For a variant: the kernel it was derived from and the edits that derive it. */
  readonly parent?: KernelId;
  readonly edits: readonly string[];
  readonly tables: Tables;
  readonly masks: MaskSet;
  readonly values: ReadonlyMap<string, number>;
  readonly maskInfo: ReadonlyMap<string, MaskInfo>;
  readonly wordCites: Readonly<Partial<Record<WordId, Cite>>>;
  readonly cite?: Cite;
  readonly behaviour: Behaviour;
}

export function flagsTable(k: { readonly tables: Tables }): FlagTable {
  const t = k.tables.flags;
  if (t === undefined) throw new Error('every kernel has a flags word');
  return t;
}

export function maskValue(k: Kernel, name: string): number {
  const v = k.values.get(name);
  if (v === undefined) throw new Error(`kernel ${k.id} has no mask ${name}`);
  return v;
}
