import type { ModelContext } from '../context.js';
import type { Pending } from '../pending.js';
import type { ModelState } from '../state.js';
import type { Branch } from '../transition.js';

/** What a label does: the step from a state at that label. */
export type Arm<L extends string> = (
  s: ModelState<L>,
  p: Pending<L>,
  ctx: ModelContext,
  bit: ModelContext['bit'],
) => Branch<L>[];

/**
 * Every label's arm, chosen once per label (by an exhaustive ts-pattern match in the caller)
 * rather than on every step: building the match chain on each step was a tenth of the
 * explorer's time. `K` are the labels the table covers, `L` all labels the machine can go to.
 */
export function armTable<K extends L, L extends string = K>(
  labels: readonly K[],
  pick: (label: K) => Arm<L>,
): Record<K, Arm<L>> {
  const table = {} as Record<K, Arm<L>>;
  for (const l of labels) table[l] = pick(l);
  return table;
}
