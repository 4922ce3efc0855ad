/**
 * The kernel sources the model's facts were read in: whole release trees (a public repository whose
 * first commit holding the kernel is the release as tarballed, its Makefile giving the version) and
 * single files of torvalds/linux at one commit. A fact read in a tree cites it with the path of the
 * file (cite.ts `readAt`), so `tifcheck facts` can say where to look.
 */
export interface Tree {
  /** The release (or state) the files are: `3.14.1`, `4.3`, `5.11-rc1`. */
  readonly release: string;
  readonly repo: string;
  /** The commit read, 12 hex digits. */
  readonly commit: string;
  /** How the files stand for the release, where that needs saying. */
  readonly note?: string;
}

export const TREES = {
  'linux-3.6': { release: '3.6', repo: 'New-B/Linux3.6', commit: '5fb0555c4446' },
  'linux-3.13': { release: '3.13', repo: 'lookfiresu123/my_linux-3.13.0', commit: '21ae38005228' },
  'linux-3.14.1': { release: '3.14.1', repo: 'nadavitay/linux-3.14.1', commit: '82cde27d89b1' },
  'linux-3.16': { release: '3.16', repo: 'jyizheng/linux-3.16', commit: 'ea6815697484' },
  'linux-3.17': { release: '3.17', repo: 'lexi6725/linux-3.17.0', commit: '26c80e2472a8' },
  'linux-3.18.30': {
    release: '3.18.30',
    repo: 'jockyw2001/linux-3.18',
    commit: '246d979c2299',
    note: 'a vendor snapshot of the 3.18.30 stable release; no 3.18.0 tree could be read',
  },
  'linux-3.19': { release: '3.19', repo: 'monkeygq/linux-3.19', commit: '49afad04ca51' },
  'linux-4.0': { release: '4.0', repo: 'AlecJY/linux-4.0', commit: '096295329734' },
  'linux-4.3': {
    release: '4.3',
    repo: 'YoungjaeLee/linux-4.3-cxlbdev',
    commit: 'dc98e805a1fa',
    note: 'Makefile 4.3.0 with a project EXTRAVERSION; its entry code and thread_info.h are byte for byte those of 4.3.3',
  },
  'linux-4.4.1': { release: '4.4.1', repo: 'zanpocc/linux-4.4.1', commit: 'd4321c96f179' },
  'linux-4.5': { release: '4.5', repo: 'arthur-lucena/linux-4.5-hw-so', commit: 'f21e75bffa6d' },
  'linux-4.6.2': { release: '4.6.2', repo: 'xing393939/linux-4.6.2', commit: '6bcd5b161f0b' },
  'linux-4.8.15': { release: '4.8.15', repo: 'squirrel20/linux-4.8.15', commit: '4fdc4ec5104c' },
  'linux-5.11': { release: '5.11', repo: 'CompressionDuck/linux-5.11', commit: '07adf4f150b4' },
  'linux-6.14': { release: '6.14', repo: 'perishh/linux-6.14', commit: '16b95dcdf585' },
  'linux-6.17': {
    release: '6.17',
    repo: 'busysteve/linux-6.17.0-rust-ported-c',
    commit: '1fdf73ad0907',
    note: "6.17.0 as imported under linux/ by a project that ports Rust code to C; its entry, thread_info and rseq files are the blobs of a 6.18.2 import, or differ from them only by 6.18's own changes (checked for this project)",
  },
  'linux-6.18': { release: '6.18', repo: 'leftymods/linux-6.18.y', commit: 'db348fba325d' },
  'linux-6.19': {
    release: '6.19',
    repo: 'matankalina/linux-6.19.10-fork',
    commit: '094d869456d2',
    note: "despite the repository's name its first commit is 6.19.0 (Makefile SUBLEVEL 0)",
  },
  'linux-7.0': { release: '7.0', repo: 'julianw1010/WASP-linux-7.0.0', commit: '1d9f96d2d248' },
  'linux-7.1.3': {
    release: '7.1.3',
    repo: 'rikudousennin22/linux-7.1.3',
    commit: '5e6bc1446adb',
    note: 'no 7.1.0 tree could be read; every file read here is the same blob in a 7.1.5 import (danayer/linux-7.1.5)',
  },
  'linux-6.18.2': {
    release: '6.18.2',
    repo: 'gfunkmonk/linux-6.18.2',
    commit: '57dc26c98e5e',
    note: 'the second commit (the first holds no kernel); Makefile 6.18.2; read only to compare with 6.18',
  },
  'linux-7.1.5': {
    release: '7.1.5',
    repo: 'danayer/linux-7.1.5',
    commit: '7d33d86d5512',
    note: "the repository's first commit, Makefile 7.1.5, a project's import (its later commits change the xe driver); read only to compare with 7.1.3",
  },
  'torvalds-2a23c6b8a9c4': {
    release: 'commit 2a23c6b8a9c4',
    repo: 'torvalds/linux',
    commit: '2a23c6b8a9c4',
    note: '"x86_64, entry: Use sysret to return to userspace when possible", merged for 4.0',
  },
  'torvalds-c5c46f59e4e7': {
    release: 'commit c5c46f59e4e7',
    repo: 'torvalds/linux',
    commit: 'c5c46f59e4e7',
    note: 'the first C exit handlers (arch/x86/entry/common.c), merged for 4.3',
  },
  'torvalds-302f5b260c32': {
    release: 'commit 302f5b260c32',
    repo: 'torvalds/linux',
    commit: '302f5b260c32',
    note: '"x86/entry/64: Always run ptregs-using syscalls on the slow path", the ptregs patch as merged for 4.6',
  },
  'torvalds-299155244770': {
    release: '5.11-rc1',
    repo: 'torvalds/linux',
    commit: '299155244770',
    note: 'the last change to kernel/entry/common.c and include/linux/entry-common.h in the core/entry pull merged for 5.11-rc1 (1ac0884d5474); the rc1 tag itself is not stored',
  },
  'torvalds-ca282b486a57': {
    release: 'commit ca282b486a57',
    repo: 'torvalds/linux',
    commit: 'ca282b486a57',
    note: '"x86/entry/64: Convert SYSRET validation tests to C", first released in 6.7',
  },
  'torvalds-5d5675df792f': {
    release: 'commit 5d5675df792f',
    repo: 'torvalds/linux',
    commit: '5d5675df792f',
    note: 'the compat argument-fault fix, after 5.11',
  },
} as const satisfies Record<string, Tree>;

export type TreeId = keyof typeof TREES;

/** `repo@commit`, as a user would look it up. */
export function treeRef(id: TreeId): string {
  const t: Tree = TREES[id];
  return `${t.repo}@${t.commit}`;
}
