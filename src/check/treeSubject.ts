import { err, inputError, ok, type Result } from '../flags/errors.js';
import { type HeaderFile, type HeaderModel, readHeaderFiles } from '../flags/header/readHeader.js';
import { KERNEL_IDS, type KernelId, kernelIdKind } from '../kernels/kernelId.js';
import type { FlagWork } from './newFlags.js';
import { headerSubject, type Subject, type TreeOrigin } from './subject.js';

/**
 * A kernel tree as input (`--tree DIR [--rev REV]`): the files tifcheck reads from it, through
 * `read` (a directory, a git revision, or either with a patch applied). `undefined`: the file is
 * not in the tree.
 */
export type ReadTreeFile = (path: string) => Result<string | undefined>;

const THREAD_INFO = 'arch/x86/include/asm/thread_info.h';

/** Headers x86's thread_info.h includes whose definitions it relies on (6.18's generic TIF bits). */
const INCLUDED: Readonly<Record<string, string>> = {
  'asm-generic/thread_info_tif.h': 'include/asm-generic/thread_info_tif.h',
};

/** Where the exit masks that are not in thread_info.h live, across the eras. */
const ENTRY_FILES = [
  'include/linux/entry-common.h',
  'include/linux/irq-entry-common.h',
  'arch/x86/entry/common.c',
];

/** The exit masks of ti->flags that the entry code defines (the syscall_work masks are the era's). */
const ENTRY_MASK =
  /^(ARCH_EXIT_TO_USER_MODE_WORK|EXIT_TO_USER_MODE_WORK(_SYSCALL|_IRQ)?|EXIT_TO_USERMODE_LOOP_FLAGS|SYSCALL_EXIT_WORK_FLAGS)$/;

export interface KernelVersion {
  readonly major: number;
  readonly minor: number;
  readonly sub: number;
  readonly extra: string;
}

/** The release a tree is, from its top-level Makefile (VERSION, PATCHLEVEL, SUBLEVEL, EXTRAVERSION). */
export function makefileVersion(text: string): KernelVersion | undefined {
  const field = (name: string): string | undefined =>
    new RegExp(`^${name}\\s*=[ \\t]*(\\S*)[ \\t]*$`, 'm').exec(text)?.[1];
  const major = Number(field('VERSION'));
  const minor = Number(field('PATCHLEVEL'));
  if (!Number.isInteger(major) || !Number.isInteger(minor) || field('VERSION') === '') return undefined;
  const sub = Number(field('SUBLEVEL') ?? 0);
  return { major, minor, sub: Number.isInteger(sub) ? sub : 0, extra: field('EXTRAVERSION') ?? '' };
}

export const versionText = (v: KernelVersion): string =>
  `${v.major}.${v.minor}${v.sub > 0 ? `.${v.sub}` : ''}${v.extra}`;

/** The released eras, oldest first, with their version numbers. */
const RELEASES = KERNEL_IDS.filter((id) => kernelIdKind(id) === 'release' && !id.includes('-rc')).map(
  (id) => {
    const [major = 0, minor = 0] = id.slice(1).split('.').map(Number);
    return { id, key: major * 1000 + minor };
  },
);

/** The newest modelled release not newer than the tree, or undefined when the tree is older than all. */
export function eraOf(v: KernelVersion): KernelId | undefined {
  const key = v.major * 1000 + v.minor;
  return RELEASES.filter((r) => r.key <= key).at(-1)?.id;
}

/** A tree as output names it: `DIR`, `DIR@REV`, and `+ PATCH` when a patch is applied. */
export const treeLabel = (o: TreeOrigin): string =>
  `${o.dir}${o.rev === undefined ? '' : `@${o.rev}`}${o.patch === undefined ? '' : ` + ${o.patch}`}`;

/** What a tree's headers say, before any control flow is chosen: enough for `masks --tree`. */
export interface TreeHeader {
  readonly header: HeaderModel;
  readonly version: KernelVersion;
  readonly era: KernelId;
  readonly notes: readonly string[];
}

export function readTree(read: ReadTreeFile, origin: TreeOrigin): Result<TreeHeader> {
  const label = treeLabel(origin);
  const base = `${origin.dir}${origin.rev === undefined ? '' : `@${origin.rev}`}`;
  const where = (path: string) => ({ kind: 'file', file: `${base}/${path}` }) as const;
  const makefile = read('Makefile');
  if (!makefile.ok) return makefile;
  if (makefile.value === undefined)
    return err(inputError('unreadable-file', 'no top-level Makefile: not a kernel tree', where('Makefile')));
  const version = makefileVersion(makefile.value);
  if (version === undefined)
    return err(
      inputError('bad-directive', 'no VERSION and PATCHLEVEL: not a kernel Makefile', where('Makefile')),
    );
  const era = eraOf(version);
  if (era === undefined)
    return err(
      inputError(
        'unknown-kernel',
        `Linux ${versionText(version)} is older than every modelled release (the oldest is ${RELEASES[0]?.id})`,
        where('Makefile'),
      ),
    );
  const main = read(THREAD_INFO);
  if (!main.ok) return main;
  if (main.value === undefined)
    return err(inputError('unreadable-file', 'no x86 thread_info.h in the tree', where(THREAD_INFO)));
  const included = new Map<string, HeaderFile>();
  for (const [name, path] of Object.entries(INCLUDED)) {
    const t = read(path);
    if (!t.ok) return t;
    if (t.value !== undefined) included.set(name, { text: t.value, file: `${base}/${path}` });
  }
  const after: HeaderFile[] = [];
  for (const path of ENTRY_FILES) {
    const t = read(path);
    if (!t.ok) return t;
    if (t.value !== undefined) after.push({ text: t.value, file: `${base}/${path}` });
  }
  const header = readHeaderFiles(
    { text: main.value, file: `${base}/${THREAD_INFO}` },
    { included, after, extraMasks: (n) => ENTRY_MASK.test(n) },
  );
  if (!header.ok) return header;
  const last = RELEASES.at(-1);
  const newer = last?.id === era && version.major * 1000 + version.minor > last.key;
  return ok({
    header: { ...header.value, file: label },
    version,
    era,
    notes: [
      `tree ${label}: Linux ${versionText(version)} (its Makefile); control flow of ${era}, the newest modelled release not newer${newer ? `: what changed after ${era} (the rseq and hrtimer exit work of 6.19-7.1) is not modelled` : ''}`,
      ...(included.size > 0
        ? [`read with ${[...included.values()].map((f) => f.file).join(', ')}, which thread_info.h includes`]
        : []),
      ...header.value.notes,
    ],
  });
}

/**
 * The subject a tree makes: its thread_info.h (with the generic TIF header where it includes it)
 * and the exit masks of its entry code, with the control flow of the newest modelled release not
 * newer than its Makefile says.
 */
export function treeSubject(
  read: ReadTreeFile,
  origin: TreeOrigin,
  edits: readonly string[] = [],
  flagWork: readonly FlagWork[] = [],
): Result<Subject> {
  const t = readTree(read, origin);
  if (!t.ok) return t;
  const s = headerSubject(t.value.header, t.value.era, edits, flagWork);
  if (!s.ok) return s;
  return ok({
    ...s.value,
    tree: origin,
    notes: [
      ...t.value.notes,
      ...s.value.notes.filter(
        (n) => !n.startsWith('control flow of built-in kernel') && !t.value.header.notes.includes(n),
      ),
    ],
  });
}
