import { ENTRY_4_5 } from '../behaviour/entry.js';
import { readIn } from '../cite.js';
import type { VariantSpec } from '../spec.js';

/**
 * PATCH 07/12 as merged (302f5b260c32): stub_ptregs_64 sends only fast-path calls to the slow path,
 * and tracesys no longer returns to the fast path. The masks are 4.4's.
 */
export const v4_5: VariantSpec = {
  kind: 'variant',
  id: 'v4.5',
  parent: 'v4.4',
  title: 'stub_ptregs_64 with a one-way tracesys (the ptregs patch as merged)',
  edits: [],
  cite: readIn(
    '302f5b260c32 "x86/entry/64: Always run ptregs-using syscalls on the slow path" (kernel-facts.md §5)',
  ),
  behaviour: (parent) => ({ ...parent, syscallEntry: ENTRY_4_5 }),
};
