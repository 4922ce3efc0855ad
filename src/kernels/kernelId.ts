/** The built-in kernels (DESIGN.md); ids are a contract and are never reused for another model. */
export const KERNEL_IDS = [
  'v3.6',
  'v3.13',
  'v3.13-viro',
  'v3.14',
  'v3.16',
  'v3.18',
  'v4.0-pre-2a23c6b8a9c4',
  'v4.0',
  'v4.3-pre-c5c46f59e4e7',
  'v4.3',
  'v4.4',
  'v4.4-ptregs-rfc',
  'v4.4-status-flag',
  'v4.5',
  'v4.6-pre-302f5b260c32',
  'v4.6',
  'v4.8',
  'v5.11-rc1',
  'v5.11-pre-41c1a06d1d15',
  'v5.11',
  'v6.14',
  'v6.17',
  'v6.18',
  'v6.19',
  'v7.0',
  'v7.1',
] as const;

export type KernelId = (typeof KERNEL_IDS)[number];

export function isKernelId(s: string): s is KernelId {
  return (KERNEL_IDS as readonly string[]).includes(s);
}

/**
 * Ids that once named a model and were renamed when the release tree showed the model was not that
 * release; asking for one says where it went rather than "unknown kernel".
 */
export const RENAMED_KERNEL_IDS: Readonly<Record<string, string>> = {
  'v4.3-rc1':
    "v4.3-rc1 is now v4.3-pre-c5c46f59e4e7: its loop condition (no USER_RETURN_NOTIFY) is that commit's, and no rc is known to have shipped it; released 4.3 is v4.3",
};

/**
 * What an id names: `vX.Y` or `vX.Y-rcN` is that tag, read in its own tree; `vX.Y-pre-<commit>` is
 * torvalds/linux at that commit, a state no release shipped, on the way to vX.Y; anything else is a
 * proposal that was never merged, named after its base and what it proposes.
 */
export function kernelIdKind(id: KernelId): 'release' | 'commit' | 'proposal' {
  if (/^v\d+\.\d+(-rc\d+)?$/.test(id)) return 'release';
  return /^v\d+\.\d+-pre-[0-9a-f]{12}$/.test(id) ? 'commit' : 'proposal';
}
