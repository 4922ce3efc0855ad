import { UPROBE_DENY_SIGNAL_WORKAROUND } from '../behaviour/asm3x.js';
import { inferred, recalled } from '../cite.js';
import type { VariantSpec } from '../spec.js';

/**
 * v3.14: the fix that landed, UPROBE in DO_NOTIFY (almost surely 82975bc6a6df, "uprobes, x86: Fix
 * _TIF_UPROBE vs _TIF_NOTIFY_RESUME"). Absent in the v3.13 header, present in 3.16 and 3.18.
 */
export const v3_14: VariantSpec = {
  kind: 'variant',
  id: 'v3.14',
  parent: 'v3.13',
  title: 'the real fix: UPROBE in _TIF_DO_NOTIFY_MASK',
  edits: ['_TIF_DO_NOTIFY_MASK += UPROBE'],
  cite: inferred(
    'kernel-facts.md §2: absent in v3.13, present in 3.16 and 3.18 headers; commit 82975bc6a6df recalled',
  ),
  // The same commit dropped the workaround that made uprobe_deny_signal set NOTIFY_RESUME too.
  behaviour: (parent) => ({
    ...parent,
    setters: parent.setters.map((s) =>
      s === UPROBE_DENY_SIGNAL_WORKAROUND
        ? {
            ...s,
            sets: ['UPROBE'],
            cite: recalled('82975bc6a6df removed the NOTIFY_RESUME workaround from uprobe_deny_signal'),
          }
        : s,
    ),
  }),
};
