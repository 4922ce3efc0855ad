import { createHash } from 'node:crypto';
import { type FlagWork, parseFlagWork } from '../check/newFlags.js';
import { headerSubject, kernelSubject, type StoredHeader, type Subject, withFred } from '../check/subject.js';
import { treeSubject } from '../check/treeSubject.js';
import { err, inputError, ok, type Result } from '../flags/errors.js';
import { headerDefines } from '../flags/header/defines.js';
import { readHeader } from '../flags/header/readHeader.js';
import { getKernel } from '../kernels/registry.js';
import type { Io } from './io.js';
import { kernelChoice, kernelId } from './options.js';
import { treeSource } from './treeInput.js';

/** `--kernel ID` or `--header FILE [--paths ID]`, with `--edit`s: the subject a command works on. */
export function loadSubject(
  io: Io,
  command: string,
  o: {
    kernel?: string | undefined;
    /** The option the kernel id came from, as an error should name it (`--kernel` by default). */
    kernelOption?: string;
    header?: string | undefined;
    paths?: string | undefined;
    edits: readonly string[];
    /** `--flag-work FLAG=FUNCTION|none`, for flags new in a header. */
    flagWork?: readonly string[];
    /** `--fred`: as the kernel runs on FRED hardware. */
    fred?: boolean;
    /** `--tree DIR [--rev REV]`: a kernel tree, perhaps at a git revision. */
    tree?: string | undefined;
    rev?: string | undefined;
    /** A patch applied to the tree in memory (diff --patch). */
    patch?: { readonly text: string; readonly file: string };
    /** replay: the header as its report stored it, used in place of the file. */
    storedHeader?: StoredHeader;
  },
): Result<Subject> {
  const s = loadPlainSubject(io, command, o);
  return s.ok && o.fred === true ? withFred(s.value) : s;
}

function loadPlainSubject(io: Io, command: string, o: Parameters<typeof loadSubject>[2]): Result<Subject> {
  const works = flagWorks(o.flagWork ?? []);
  if (!works.ok) return works;
  const sources = [o.kernel, o.header, o.tree].filter((x) => x !== undefined).length;
  if (sources > 1) {
    return err(
      inputError('bad-argument', `${command}: give one of --kernel ID, --header FILE or --tree DIR`),
    );
  }
  if (o.rev !== undefined && o.tree === undefined)
    return err(
      inputError('bad-argument', '--rev reads a revision of a --tree', {
        kind: 'argument',
        argument: `--rev ${o.rev}`,
      }),
    );
  if (o.tree !== undefined) {
    if (o.paths !== undefined)
      return err(
        inputError('bad-argument', "--paths is for a --header; a tree's Makefile says its release", {
          kind: 'argument',
          argument: `--paths ${o.paths}`,
        }),
      );
    const source = treeSource(io, o.tree, o.rev, o.patch);
    if (!source.ok) return source;
    return treeSubject(source.value.read, source.value.origin, o.edits, works.value);
  }
  if (o.paths !== undefined && o.header === undefined) {
    return err(
      inputError('bad-argument', '--paths chooses the control flow for a --header', {
        kind: 'argument',
        argument: `--paths ${o.paths}`,
      }),
    );
  }
  if (o.kernel !== undefined) {
    const k = kernelChoice(o.kernelOption ?? '--kernel', o.kernel);
    if (!k.ok) return k;
    const s = kernelSubject(getKernel(k.value.id), o.edits);
    const note = k.value.note;
    return s.ok && note !== undefined ? ok({ ...s.value, notes: [note, ...s.value.notes] }) : s;
  }
  if (o.header === undefined)
    return err(inputError('bad-argument', `${command}: give --kernel ID or --header FILE`));
  const paths = o.paths === undefined ? ok(undefined) : kernelId('--paths', o.paths);
  if (!paths.ok) return paths;
  const stored = o.storedHeader;
  const text = stored === undefined ? io.readFile(o.header) : ok(stored.defines.join('\n'));
  if (!text.ok) return text;
  const h = readHeader(text.value, o.header);
  if (!h.ok) return h;
  // Assumptions about flags this header lacks are for the other side of a diff.
  const s = headerSubject(h.value, paths.value, o.edits, works.value);
  if (!s.ok) return s;
  const header: StoredHeader = stored ?? {
    sha256: createHash('sha256').update(text.value).digest('hex'),
    defines: headerDefines(h.value),
  };
  return ok({ ...s.value, header });
}

/** Every `--flag-work FLAG=FUNCTION|none`, parsed; a flag named twice is an error. */
export function flagWorks(texts: readonly string[]): Result<FlagWork[]> {
  const out: FlagWork[] = [];
  for (const t of texts) {
    const w = parseFlagWork(t);
    if (!w.ok) return w;
    if (out.some((x) => x.flag === w.value.flag))
      return err(
        inputError('bad-argument', `TIF_${w.value.flag} is given two works`, {
          kind: 'argument',
          argument: `--flag-work ${t}`,
        }),
      );
    out.push(w.value);
  }
  return ok(out);
}

/**
 * A `--flag-work` for a flag that is new on no side of the command (a built-in kernel has none, a
 * header may lack it or know it): an error naming it, rather than an assumption used nowhere.
 */
export function unusedFlagWork(texts: readonly string[], subjects: readonly Subject[]): Result<void> {
  for (const t of texts) {
    const w = parseFlagWork(t);
    if (!w.ok) return w;
    if (!subjects.some((s) => (s.flagWork ?? []).some((x) => x.startsWith(`${w.value.flag}=`))))
      return err(
        inputError('bad-argument', `no header here adds a new flag TIF_${w.value.flag}`, {
          kind: 'argument',
          argument: `--flag-work ${t}`,
        }),
      );
  }
  return ok(undefined);
}

/** The tree options of a command line: `--tree DIR [--rev REV] [--patch FILE]`, the patch read. */
export function treeOptions(
  io: Io,
  tree: string | undefined,
  rev: string | undefined,
  patchFile: string | undefined,
): Result<{ tree?: string; rev?: string; patch?: { text: string; file: string } }> {
  if (patchFile !== undefined && tree === undefined)
    return err(
      inputError('bad-argument', '--patch applies to a --tree', {
        kind: 'argument',
        argument: `--patch ${patchFile}`,
      }),
    );
  let patch: { text: string; file: string } | undefined;
  if (patchFile !== undefined) {
    const text = io.readFile(patchFile);
    if (!text.ok) return text;
    patch = { text: text.value, file: patchFile };
  }
  return ok({
    ...(tree === undefined ? {} : { tree }),
    ...(rev === undefined ? {} : { rev }),
    ...(patch === undefined ? {} : { patch }),
  });
}
