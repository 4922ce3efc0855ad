import { ENTRY_302F5B260C32 } from '../behaviour/entry.js';
import { readAt } from '../cite.js';
import type { VariantSpec } from '../spec.js';

/**
 * 302f5b260c32, "x86/entry/64: Always run ptregs-using syscalls on the slow path" (PATCH 07/12 of
 * seed 002 as merged, in the 4.6 merge window): stub_ptregs_64 sends only fast-path calls to the
 * slow path, and tracesys no longer returns to the fast path. 4.6 replaced this tracesys with the
 * C do_syscall_64 before it was released, so no release has it. Built on 4.5, whose header and
 * common.c this commit leaves as they were (only its entry_64.S and syscall table are stored).
 */
export const v4_6_pre_302f5b260c32: VariantSpec = {
  kind: 'variant',
  id: 'v4.6-pre-302f5b260c32',
  parent: 'v4.5',
  title: 'stub_ptregs_64 with a one-way asm tracesys (the ptregs patch as merged, before the C slow path)',
  edits: [],
  cite: readAt(
    'torvalds-302f5b260c32',
    'arch/x86/entry/entry_64.S',
    'stub_ptregs_64, the one-way tracesys and the /ptregs table entries',
  ),
  behaviour: (parent) => ({ ...parent, syscallEntry: ENTRY_302F5B260C32 }),
};
