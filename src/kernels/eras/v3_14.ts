import type { BaseSpec } from '../spec.js';
import { v3_13Spec } from './v3_13.js';

/**
 * v3.14, as released (read in nadavitay/linux-3.14.1, whose entry_64.S, signal.c, ptrace.c and
 * header masks are byte for byte 3.13's): UPROBE still not in _TIF_DO_NOTIFY_MASK (it joins in
 * 3.18), uprobe_deny_signal still sets NOTIFY_RESUME with UPROBE, and CVE-2014-4699 still open
 * (the fix is in 3.16).
 */
export const v3_14: BaseSpec = {
  ...v3_13Spec('linux-3.14.1'),
  kind: 'base',
  id: 'v3.14',
  title: 'UPROBE still not in _TIF_DO_NOTIFY_MASK, CVE-2014-4699 still open (read in 3.14.1)',
};
