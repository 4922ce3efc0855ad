import { applyPatch, parsePatch, type StructuredPatch } from 'diff';
import type { TreeOrigin } from '../check/subject.js';
import type { ReadTreeFile } from '../check/treeSubject.js';
import { err, inputError, ok, type Result } from '../flags/errors.js';
import type { Io } from './io.js';

/**
 * A kernel tree's files: from the directory, or with `rev` from that git revision of it (`git
 * show`, no checkout, the working tree untouched).
 */
export function treeReader(io: Io, dir: string, rev?: string): ReadTreeFile {
  if (rev !== undefined) return (path) => io.gitShow(dir, rev, path);
  return (path) => {
    const full = `${dir.replace(/\/$/, '')}/${path}`;
    return io.fileExists(full) ? io.readFile(full) : ok(undefined);
  };
}

/** A path as a patch names it, without git's a/ and b/ prefixes. */
const treePath = (name: string | undefined): string | undefined =>
  name === undefined || name === '/dev/null' ? undefined : name.replace(/^[ab]\//, '').replace(/\t.*$/, '');

/**
 * The tree with a patch applied, in memory: a unified diff or an mbox of one patch or a series (as
 * git format-patch and mailing lists write them), each file diff applied in order by jsdiff. A
 * hunk that does not apply is an error naming the patch, the hunk and the tree's file.
 */
export function patchedReader(read: ReadTreeFile, patch: string, patchFile: string): Result<ReadTreeFile> {
  let parsed: StructuredPatch[];
  try {
    parsed = parsePatch(patch);
  } catch (e) {
    return err(
      inputError('bad-argument', `not a unified diff: ${e instanceof Error ? e.message : String(e)}`, {
        kind: 'file',
        file: patchFile,
      }),
    );
  }
  const files = parsed.filter((p) => p.hunks.length > 0);
  if (files.length === 0)
    return err(inputError('bad-argument', 'the patch changes no file', { kind: 'file', file: patchFile }));
  const changed = new Map<string, string | undefined>();
  for (const p of files) {
    const from = treePath(p.oldFileName);
    const to = treePath(p.newFileName) ?? from;
    if (to === undefined) continue;
    let before: string | undefined = '';
    if (from !== undefined) {
      if (changed.has(from)) before = changed.get(from);
      else {
        const r = read(from);
        if (!r.ok) return r;
        before = r.value;
      }
      if (before === undefined)
        return err(
          inputError('bad-argument', `it patches ${from}, which the tree does not have`, {
            kind: 'file',
            file: patchFile,
          }),
        );
    }
    const after = applyPatch(before ?? '', p);
    if (after === false) {
      const h = p.hunks.find((x) => applyPatch(before ?? '', { ...p, hunks: [x] }) === false) ?? p.hunks[0];
      return err(
        inputError(
          'bad-argument',
          `hunk @@ -${h?.oldStart},${h?.oldLines} +${h?.newStart},${h?.newLines} @@ does not apply to ${from ?? to}`,
          { kind: 'file', file: patchFile },
        ),
      );
    }
    changed.set(to, after);
    if (from !== undefined && from !== to) changed.set(from, undefined);
  }
  return ok((path) => (changed.has(path) ? ok(changed.get(path)) : read(path)));
}

/**
 * The files of `--tree DIR [--rev REV] [--patch FILE]` and where they came from: the one way a
 * command turns those options into something to read.
 */
export function treeSource(
  io: Io,
  tree: string,
  rev: string | undefined,
  patch: { readonly text: string; readonly file: string } | undefined,
): Result<{ read: ReadTreeFile; origin: TreeOrigin }> {
  const plain = treeReader(io, tree, rev);
  const read = patch === undefined ? ok(plain) : patchedReader(plain, patch.text, patch.file);
  if (!read.ok) return read;
  return ok({
    read: read.value,
    origin: {
      dir: tree,
      ...(rev === undefined ? {} : { rev }),
      ...(patch === undefined ? {} : { patch: patch.file }),
    },
  });
}
