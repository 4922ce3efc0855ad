import { readIn } from '../cite.js';
import type { VariantSpec } from '../spec.js';

/**
 * v4.0: the first opportunistic SYSRET (2a23c6b8a9c4, "x86_64, entry: Use sysret to return to
 * userspace when possible"), whose tests sit at retint_swapgs and so cover every return that used
 * to be IRET: slow syscalls, interrupts and exceptions alike. It tests RCX == RIP, the user half
 * (RCX >> 47 == 0), __USER_CS/__USER_DS, R11 == RFLAGS and RF, but not TF (kernel-facts.md §6).
 *
 * Otherwise the exits are 3.18's (the 4.0-rc entry_64.S still has sysret_check, sysret_audit and
 * the int_* loop; kernel-facts.md §3, §5), and so are the bits and masks: the 4.0 header was not
 * read for this project, and the masks are taken over from 3.18 unchanged. From 3.19 a paranoid
 * exception from user mode leaves through error_exit (the idtentry rework, read in the 4.0-rc
 * file), so the user-mode half of paranoid-exit is exception-exit here, and the int3/#DB uprobe
 * notifier and #MC flag the task before that path.
 */
export const v4_0: VariantSpec = {
  kind: 'variant',
  id: 'v4.0',
  parent: 'v3.18',
  title: 'first opportunistic SYSRET: tests at retint_swapgs for every IRET return, without TF',
  edits: [],
  cite: readIn('2a23c6b8a9c4 and the 4.0-rc arch/x86/kernel/entry_64.S (kernel-facts.md §3, §6)'),
  behaviour: (parent) => ({
    ...parent,
    paths: parent.paths.filter((p) => p !== 'paranoid-exit'),
    setters: parent.setters.map((s) =>
      Array.isArray(s.pendingAt) && s.pendingAt.includes('paranoid-exit')
        ? { ...s, pendingAt: [...s.pendingAt.filter((p) => p !== 'paranoid-exit'), 'exception-exit'] }
        : s,
    ),
    opportunisticSysret: 'retint-4.0',
    cites: {
      ...parent.cites,
      opportunisticSysret: readIn(
        '2a23c6b8a9c4: the tests at retint_swapgs, RCX == RIP, RCX >> 47 == 0, __USER_CS, R11 == RFLAGS, RF clear, __USER_DS; no TF test (kernel-facts.md §6)',
      ),
      paranoidFromUser: readIn(
        '3.19/4.0-rc idtentry with paranoid=1: from user mode error_entry, sync_regs, error_exit (kernel-facts.md §3)',
      ),
    },
  }),
};
