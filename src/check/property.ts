import type { Cite } from '../kernels/cite.js';
import type { ModelContext } from '../model/context.js';
import type { Machine } from '../model/machine.js';
import type { ModelState } from '../model/state.js';
import type { Branch, Returned, Stopped } from '../model/transition.js';
import type { PropertyId } from './propertyId.js';

/**
 * A property over runs of a path. Its predicate is local — a check on each step and on the
 * return — so the exhaustive explorer and fast-check judge runs by the very same code.
 */
export interface PathProperty {
  readonly kind: 'path';
  readonly id: PropertyId;
  /** One sentence, in plain words. */
  readonly statement: string;
  readonly cite: Cite;
  /** Whether the property speaks of this path of this kernel at all (else `-` in the table). */
  appliesTo(machine: Machine, ctx: ModelContext): boolean;
  /** A violation message if this step breaks the property. */
  onStep?(ctx: ModelContext, before: ModelState, branch: Branch): string | undefined;
  /** A violation message if returning like this breaks the property. */
  onReturn?(ctx: ModelContext, returned: Returned): string | undefined;
  /** A violation message if ending like this (a BUG, the task killed) breaks the property. */
  onStop?(ctx: ModelContext, stopped: Stopped): string | undefined;
  /** The property is broken by a run that never returns. */
  readonly violatedByNoReturn?: boolean;
}

/** What a kernel-level lint found: masks and the bits in question. */
export interface MaskFinding {
  readonly message: string;
  readonly masks: readonly { readonly name: string; readonly bits: number }[];
}

/** A property of a kernel's masks as data, independent of any run. */
export interface KernelProperty {
  readonly kind: 'kernel';
  readonly id: PropertyId;
  readonly statement: string;
  readonly cite: Cite;
  /** The masks whose bits the lint examines (those the modelled paths test, and the rest). */
  check(ctx: ModelContext, maskNames: readonly string[]): MaskFinding | undefined;
}

export type Property = PathProperty | KernelProperty;

/**
 * A path property as an object of one shape, whatever it defines: the explorer reads onStep and
 * the other checks at every branch, and with a shape per property (a spread of each definition)
 * those reads were megamorphic. An absent check is a field holding undefined.
 */
export function definePathProperty(p: Omit<PathProperty, 'kind'>): PathProperty {
  const shaped = {
    kind: 'path',
    id: p.id,
    statement: p.statement,
    cite: p.cite,
    appliesTo: p.appliesTo,
    onStep: p.onStep,
    onReturn: p.onReturn,
    onStop: p.onStop,
    violatedByNoReturn: p.violatedByNoReturn,
  };
  return shaped as PathProperty;
}

export function defineKernelProperty(p: Omit<KernelProperty, 'kind'>): KernelProperty {
  return { kind: 'kernel', ...p };
}
