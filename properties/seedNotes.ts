import type { PropertyId } from '../src/check/propertyId.js';
import type { KernelId } from '../src/kernels/kernelId.js';

/**
 * What the seed threads claim about a kernel and what the model says of the claim, printed in the
 * pinned reports. Each note's facts are checked by properties/seedClaims.test.ts against the model.
 */
export interface SeedNote {
  readonly kernel: KernelId;
  readonly property: PropertyId;
  readonly text: string;
}

export const SEED_NOTES: readonly SeedNote[] = [
  {
    kernel: 'v3.6',
    property: 'mask-dead-bits',
    text: 'Seed 003 counts the never-set bits of `_TIF_WORK_MASK` and `_TIF_ALLWORK_MASK` as 0xe200 (bits 15, 14, 13, 9). That is exactly this table: bit 5 is still `TIF_IRET` here. `TIF_IRET` is itself set only by 32-bit code, so on x86-64 it behaves like a dead bit too (see `verify --raw`).',
  },
  {
    kernel: 'v3.13',
    property: 'mask-dead-bits',
    text: 'Contradicts seed 003 in one bit: the review counts the never-set bits as 0xe200 (bits 15, 14, 13, 9), but in v3.13 `TIF_IRET` (bit 5) is gone, so both masks also contain bit 5 and the dead bits are 0xe220. The trace below shows bit 5 alone livelocking the syscall exit, as bit 9 would.',
  },
  {
    kernel: 'v3.13',
    property: 'exit-terminates',
    text: 'Confirms seed 003: "If UPROBE is set, but nothing else in that set is, we\'ll be looping forever, right?" Yes: `_TIF_WORK_MASK` keeps UPROBE in `%edi` while `int_signal` calls `do_notify_resume` only for `_TIF_DO_NOTIFY_MASK`. The model also shows why 3.13 did not hang in practice: no v3.13 code leaves UPROBE alone at `ret_from_sys_call`.',
  },
  {
    kernel: 'v3.13',
    property: 'exit-work-delivered',
    text: 'Seed 003 notes that on the `retint` path a solitary UPROBE is ignored (and that `paranoid_userspace`, which does not filter by `_TIF_DO_NOTIFY_MASK`, handles it). The model finds more: it is reachable. The 3.x workaround in `uprobe_deny_signal` sets NOTIFY_RESUME along with UPROBE, but when `do_notify_resume` was called with NOTIFY_RESUME already in its argument it clears NOTIFY_RESUME after `do_signal`, so UPROBE goes back to user mode alone, until the next paranoid exit.',
  },
];

export function seedNotesFor(kernel: string, property: PropertyId): string[] {
  return SEED_NOTES.filter((n) => n.kernel === kernel && n.property === property).map((n) => n.text);
}
