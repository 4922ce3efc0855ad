import type { KernelId } from './kernelId.js';
import { TREES, type TreeId, treeRef } from './trees.js';

/**
 * Release names that resolve to a modelled kernel because that kernel's facts were read in the
 * release's own tree: a stable release whose tree is the one the model cites (3.14.1 for v3.14),
 * `vX.Y.0` for a release read at SUBLEVEL 0, and a later stable release whose own tree was
 * compared with the era's file by file (`differs`). Nothing here is inferred from a neighbouring
 * release: a release whose files were not read is not covered, and its name is an error naming
 * the nearest modelled ones (cli/options.ts).
 */
const READ_AS: Readonly<
  Record<
    string,
    {
      readonly era: KernelId;
      readonly tree: TreeId;
      /**
       * A later stable release compared file by file with the era's tree: every file the era's
       * facts were read in (and arch/x86/include/asm/thread_info.h) is the same blob but these, and
       * what changed in them was read and is outside the modelled code.
       */
      readonly differs?: string;
    }
  >
> = {
  'v3.6.0': { era: 'v3.6', tree: 'linux-3.6' },
  'v3.13.0': { era: 'v3.13', tree: 'linux-3.13' },
  'v3.14.1': { era: 'v3.14', tree: 'linux-3.14.1' },
  'v3.16.0': { era: 'v3.16', tree: 'linux-3.16' },
  'v3.18.30': { era: 'v3.18', tree: 'linux-3.18.30' },
  'v4.0.0': { era: 'v4.0', tree: 'linux-4.0' },
  'v4.4.1': { era: 'v4.4', tree: 'linux-4.4.1' },
  'v4.5.0': { era: 'v4.5', tree: 'linux-4.5' },
  'v4.6.2': { era: 'v4.6', tree: 'linux-4.6.2' },
  'v4.8.15': { era: 'v4.8', tree: 'linux-4.8.15' },
  'v5.11.0': { era: 'v5.11', tree: 'linux-5.11' },
  'v6.14.0': { era: 'v6.14', tree: 'linux-6.14' },
  'v6.17.0': { era: 'v6.17', tree: 'linux-6.17' },
  'v6.18.0': { era: 'v6.18', tree: 'linux-6.18' },
  'v6.19.0': { era: 'v6.19', tree: 'linux-6.19' },
  'v7.0.0': { era: 'v7.0', tree: 'linux-7.0' },
  'v7.1.3': { era: 'v7.1', tree: 'linux-7.1.3' },
  'v6.18.2': {
    era: 'v6.18',
    tree: 'linux-6.18.2',
    differs:
      'include/linux/irq-entry-common.h, where exit_to_user_mode() calls unwind_reset_info() inside its instrumentation section instead of after it, which touches no flag',
  },
  'v7.1.5': {
    era: 'v7.1',
    tree: 'linux-7.1.5',
    differs:
      'kernel/sched/core.c, where sched_fork() also resets the timer slack of a reset-on-fork task, outside the hrtick rearm the model reads there',
  },
};

export interface ReleaseAlias {
  readonly era: KernelId;
  /** What every output says about it. */
  readonly note: string;
}

/** The modelled kernel a release name stands for, or undefined if it names none. */
export function releaseAlias(text: string): ReleaseAlias | undefined {
  const a = READ_AS[text];
  if (a === undefined) return undefined;
  const t = TREES[a.tree];
  return {
    era: a.era,
    note:
      a.differs === undefined
        ? `${text}: modelled as ${a.era}, whose facts were read in ${t.release}'s own tree (${treeRef(a.tree)})`
        : `${text}: modelled as ${a.era}: ${t.release}'s tree (${treeRef(a.tree)}) has the same files but ${a.differs}`,
  };
}

/** Every release name that resolves, for tests and `tifcheck list`. */
export const RELEASE_ALIAS_NAMES: readonly string[] = Object.keys(READ_AS);
