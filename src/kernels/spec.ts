import type { WordId } from '../flags/words.js';
import type { Behaviour } from './behaviour/types.js';
import type { Cite } from './cite.js';
import type { KernelId } from './kernelId.js';

/** A mask as a kernel's header or entry code writes it (C syntax), and where it is tested. */
export interface MaskSpec {
  readonly expr: string;
  readonly word?: WordId;
  /** The code that tests it, in the kernel's own labels and function names. */
  readonly testedBy: string;
  readonly cite: Cite;
  /**
   * Defined in the entry code or a generic header, not in arch/x86/include/asm/thread_info.h: a
   * header read with --header cannot supply it, so the control-flow kernel's expression is used,
   * over the header's bits.
   */
  readonly outsideHeader?: true;
}

/** A flag word's bit table: bare flag name to bit number. */
export interface WordSpec {
  readonly bits: Readonly<Record<string, number>>;
  readonly cite: Cite;
}

/** A kernel modelled from its own sources. */
export interface BaseSpec {
  readonly kind: 'base';
  readonly id: KernelId;
  readonly title: string;
  readonly flags: WordSpec;
  readonly syscallWork?: WordSpec;
  readonly masks: Readonly<Record<string, MaskSpec>>;
  readonly behaviour: Behaviour;
}

/**
 * A kernel that differs from another only by mask edits (in the `--edit` syntax) and perhaps a few
 * flags, so the file says only what differs and why.
 */
export interface VariantSpec {
  readonly kind: 'variant';
  readonly id: KernelId;
  readonly parent: KernelId;
  readonly title: string;
  readonly edits: readonly string[];
  readonly cite: Cite;
  /** How its behaviour differs from the parent's, if it does. */
  readonly behaviour?: (parent: Behaviour) => Behaviour;
}

export type KernelSpec = BaseSpec | VariantSpec;
