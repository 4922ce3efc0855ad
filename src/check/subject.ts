import { applyEdits, parseEdit } from '../flags/edit.js';
import { err, inputError, ok, type Result } from '../flags/errors.js';
import type { FlagTable } from '../flags/flagTable.js';
import type { HeaderModel } from '../flags/header/readHeader.js';
import { dependenciesOf, evaluateMasks, exprsOf, type MaskSet, type Tables } from '../flags/maskSet.js';
import type { Kernel } from '../kernels/kernel.js';
import { flagsTable } from '../kernels/kernel.js';
import { KERNEL_IDS, type KernelId, kernelIdKind } from '../kernels/kernelId.js';
import { getKernel } from '../kernels/registry.js';
import type { ModelInput } from '../model/context.js';
import { masksOnPath } from '../model/machines/registry.js';
import { type FlagWork, flagWorkText, newFlagsOf, withNewFlags } from './newFlags.js';

/** Where a tree subject was read: the directory and, for a git revision of it, the revision. */
export interface TreeOrigin {
  readonly dir: string;
  readonly rev?: string;
  /** A patch applied to it in memory (`--patch FILE`). */
  readonly patch?: string;
}

/** What is being checked: masks (a kernel's or a header's, perhaps edited) and a kernel's control flow. */
export interface Subject {
  /** A kernel id or a header path. */
  readonly kernel: string;
  readonly pathsFrom: KernelId;
  readonly edits: readonly string[];
  readonly tables: Tables;
  readonly masks: MaskSet;
  readonly input: ModelInput;
  /** What the model could not use, said rather than guessed. */
  readonly notes: readonly string[];
  /** The `--flag-work` assumptions about flags new in a header (FLAG=FUNCTION or FLAG=none). */
  readonly flagWork?: readonly string[];
  /** Checked as it runs on FRED hardware (`--fred`): every return to user mode is ERETU. */
  readonly fred?: true;
  /** Read from a kernel tree (`--tree DIR [--rev REV]`); `kernel` is then `DIR` or `DIR@REV`. */
  readonly tree?: TreeOrigin;
  /** A header's flags and masks as stored in a report, so it replays without the file. */
  readonly header?: StoredHeader;
}

/**
 * A header as a report keeps it: the SHA-256 of the file as read, and its flags and masks written
 * back as `#define`s (flags/header/defines.ts), edits not applied.
 */
export interface StoredHeader {
  readonly sha256: string;
  readonly defines: readonly string[];
}

/**
 * The subject as it runs on FRED hardware: a kernel with CONFIG_X86_FRED (6.9+) returns to user
 * mode by ERETU on every path, whatever its SYSRET tests say. A kernel without FRED is an error.
 */
export function withFred(s: Subject): Result<Subject> {
  const b = s.input.behaviour;
  if (b.fred === 'on') return ok(s);
  if (b.fred !== 'available')
    return err(
      inputError(
        'bad-argument',
        `${s.pathsFrom} has no FRED support (CONFIG_X86_FRED is 6.9+; of the built-in kernels, v6.14 and later)`,
        { kind: 'argument', argument: '--fred' },
      ),
    );
  return ok({
    ...s,
    fred: true,
    input: { ...s.input, behaviour: { ...b, fred: 'on' } },
    notes: [...s.notes, 'FRED: every return to user mode is ERETU (entry_fred.c drops the SYSRET answer)'],
  });
}

function withEdits(masks: MaskSet, tables: Tables, edits: readonly string[]): Result<MaskSet> {
  const parsed = [];
  for (const e of edits) {
    const p = parseEdit(e);
    if (!p.ok) return p;
    parsed.push(p.value);
  }
  return applyEdits(masks, tables, parsed);
}

function maskTablesOf(masks: MaskSet, tables: Tables): Map<string, FlagTable> {
  const out = new Map<string, FlagTable>();
  for (const [name, def] of masks) {
    const t = tables[def.word];
    if (def.word !== 'flags' && t !== undefined) out.set(name, t);
  }
  return out;
}

/** The syscall_work table of a kernel that has the word, as ModelInput takes it. */
export function workTableOf(k: Kernel): { workTable?: FlagTable } {
  const t = k.tables.syscall_work;
  return t === undefined ? {} : { workTable: t };
}

export function kernelSubject(kernel: Kernel, edits: readonly string[] = []): Result<Subject> {
  const masks = withEdits(kernel.masks, kernel.tables, edits);
  if (!masks.ok) return masks;
  const values = evaluateMasks(masks.value, kernel.tables);
  if (!values.ok) return values;
  const input: ModelInput = {
    source: kernel.id,
    pathsFrom: kernel.id,
    table: flagsTable(kernel),
    masks: values.value,
    maskTables: maskTablesOf(masks.value, kernel.tables),
    maskExprs: exprsOf(masks.value),
    ...workTableOf(kernel),
    behaviour: kernel.behaviour,
  };
  return ok({
    kernel: kernel.id,
    pathsFrom: kernel.id,
    edits,
    tables: kernel.tables,
    masks: masks.value,
    input,
    notes: [],
  });
}

/**
 * The built-in kernels whose control flow fits a header best, and the one to use. The score: the
 * most mask names in common and the fewest of the kernel's thread_info.h masks missing, then the
 * most masks of equal value, then the most flags on the same bits and the fewest on different ones. The header often cannot settle it (4.3, 4.4 and 4.5 have
 * the same thread_info.h masks: what differs is in entry/common.c), so among the best a release
 * comes before a release candidate, and that before a state at a commit or a proposal, then the one whose paths the header can drive the
 * most of (their masks are the header's or the entry code's), then the earliest; `tied` lists them
 * all, for the note that says so.
 */
export function bestPathsKernel(header: HeaderModel): { id: KernelId; tied: KernelId[] } {
  const scored = KERNEL_IDS.map((id) => {
    const k = getKernel(id);
    const table = flagsTable(k);
    const names = [...header.masks.keys()].filter((m) => k.masks.has(m));
    // thread_info.h masks of the kernel that the header does not have count against it.
    const missing = [...k.masks.keys()].filter(
      (m) => !header.masks.has(m) && k.maskInfo.get(m)?.outsideHeader !== true,
    ).length;
    const equal = names.filter((m) => header.values.get(m) === k.values.get(m)).length;
    let same = 0;
    let differ = 0;
    for (const f of header.tables.flags.flags) {
      const b = table.bitOf.get(f.name);
      if (b === f.bit) same++;
      else differ++;
    }
    differ += table.flags.filter((f) => !header.tables.flags.bitOf.has(f.name)).length;
    // A path the header can drive: each mask it tests is the header's, or the entry code's own.
    const usable = k.behaviour.paths.filter((path) =>
      masksOnPath(k, path).every((m) => header.masks.has(m) || k.maskInfo.get(m)?.outsideHeader === true),
    ).length;
    return {
      id,
      usable,
      score: (names.length - missing) * 1_000_000 + equal * 10_000 + (same - differ) * 100,
    };
  });
  const top = Math.max(...scored.map((x) => x.score));
  const tied = scored.filter((x) => x.score === top);
  // A final release, then a release candidate, then a state at a commit or a proposal.
  const kind = (id: KernelId): number => (kernelIdKind(id) !== 'release' ? 2 : id.includes('-rc') ? 1 : 0);
  const rank = (x: (typeof scored)[number]): number[] => [kind(x.id), -x.usable, KERNEL_IDS.indexOf(x.id)];
  const before = (a: number[], b: number[]): boolean => {
    const i = a.findIndex((v, j) => v !== b[j]);
    return i >= 0 && (a[i] ?? 0) < (b[i] ?? 0);
  };
  const best = tied.reduce((b, x) => (before(rank(x), rank(b)) ? x : b));
  return { id: best.id, tied: tied.map((x) => x.id) };
}

/** Why a header got the control flow it got, when the user did not choose it. */
function choiceWords(best: { id: KernelId; tied: KernelId[] } | undefined): string {
  if (best === undefined) return '';
  if (best.tied.length === 1) return ' (the best fit for this header; choose with --paths)';
  const others = best.tied.filter((x) => x !== best.id);
  return ` (the header fits ${[best.id, ...others].join(', ')} equally, so it cannot tell them apart; ${best.id} is the ${kernelIdKind(best.id) === 'release' && !best.id.includes('-rc') ? 'earliest release' : 'first'} among them with the most paths the header can drive; choose with --paths)`;
}

/**
 * A header's masks with a built-in kernel's control flow. The paths' masks must be in the header;
 * flags the header and the model disagree on are reported.
 */
export function headerSubject(
  header: HeaderModel,
  pathsFrom: KernelId | undefined,
  edits: readonly string[] = [],
  flagWork: readonly FlagWork[] = [],
): Result<Subject> {
  const best = pathsFrom === undefined ? bestPathsKernel(header) : undefined;
  const paths = pathsFrom ?? best?.id ?? 'v3.13';
  const k = getKernel(paths);
  const work = k.tables.syscall_work;
  const tables: Tables =
    work === undefined ? { flags: header.tables.flags } : { flags: header.tables.flags, syscall_work: work };
  const notes = [`control flow of built-in kernel ${paths}${choiceWords(best)}`, ...header.notes];
  const masks = withEdits(withCodeMasks(header, k, tables, notes), tables, edits);
  if (!masks.ok) return masks;
  const values = evaluateMasks(masks.value, tables);
  if (!values.ok) return values;
  const usable = k.behaviour.paths.filter((path) => {
    const missing = masksOnPath(k, path).filter((name) => !values.value.has(name));
    if (missing.length > 0)
      notes.push(`${path} is not checked: it tests ${missing.join(', ')}, which the header does not define`);
    return missing.length === 0;
  });
  if (usable.length === 0 && k.behaviour.paths.length > 0) {
    const where = { kind: 'file', file: header.file } as const;
    return err(
      inputError(
        'no-masks',
        `the header defines none of the masks the paths of kernel ${paths} test; choose another --paths`,
        where,
      ),
    );
  }
  const model = flagsTable(k);
  const fresh = newFlagsOf(header.tables.flags);
  for (const w of flagWork) {
    if (header.tables.flags.bitOf.has(w.flag) && !fresh.includes(w.flag))
      return err(
        inputError(
          'bad-argument',
          `TIF_${w.flag} is not a new flag: the built-in kernels say what it does, --flag-work is for flags none of them has`,
          { kind: 'argument', argument: `--flag-work ${flagWorkText(w)}` },
        ),
      );
  }
  for (const f of header.tables.flags.flags) {
    const b = model.bitOf.get(f.name);
    if (fresh.includes(f.name)) continue;
    if (b === undefined)
      notes.push(`TIF_${f.name} (bit ${f.bit}) has no semantics in the ${paths} model: nothing sets it`);
    else if (b !== f.bit)
      notes.push(`TIF_${f.name} is bit ${f.bit} here but bit ${b} in ${paths}; the header's bit is used`);
  }
  const used = new Set(
    k.behaviour.setters
      .flatMap((s) => [...s.sets, ...(s.clears ?? [])])
      .concat(k.behaviour.doNotifyResume.map((s) => s.flag)),
  );
  for (const name of used) {
    if (model.bitOf.has(name) && !header.tables.flags.bitOf.has(name))
      notes.push(`the ${paths} model uses TIF_${name}, which the header does not define`);
  }
  const input: ModelInput = {
    source: header.file,
    pathsFrom: paths,
    table: header.tables.flags,
    masks: values.value,
    maskTables: maskTablesOf(masks.value, tables),
    maskExprs: exprsOf(masks.value),
    // syscall_work is not an x86 header's: its table is the control-flow kernel's.
    ...workTableOf(k),
    behaviour: withNewFlags({ ...k.behaviour, paths: usable }, fresh, flagWork, notes, (n) =>
      header.tables.flags.bitOf.get(n),
    ),
  };
  const given = flagWork.filter((w) => fresh.includes(w.flag)).map(flagWorkText);
  return ok({
    kernel: header.file,
    pathsFrom: paths,
    edits,
    tables,
    masks: masks.value,
    input,
    notes,
    ...(given.length === 0 ? {} : { flagWork: given }),
  });
}

/**
 * The header's masks, and the masks the control-flow kernel's paths test that no thread_info.h
 * defines (the C exit loops' masks live in the entry code or in include/linux/entry-common.h):
 * those are the kernel's expressions, over the header's bits, each noted. One that names a flag
 * the header lacks is left out, and said; its paths are then not checked.
 */
function withCodeMasks(header: HeaderModel, k: Kernel, tables: Tables, notes: string[]): MaskSet {
  const out = new Map(header.masks);
  const tested = new Set(k.behaviour.paths.flatMap((path) => masksOnPath(k, path)));
  for (const name of tested) {
    const def = k.masks.get(name);
    if (out.has(name) || def === undefined || k.maskInfo.get(name)?.outsideHeader !== true) continue;
    // With the entry code's masks it refers to (generic entry's EXIT_TO_USER_MODE_WORK names
    // ARCH_EXIT_TO_USER_MODE_WORK), where the header does not define them itself.
    const deps = dependenciesOf(k.masks, name).filter(
      (d) => !out.has(d) && k.maskInfo.get(d)?.outsideHeader === true,
    );
    const withDeps = new Map([
      ...out,
      ...deps.flatMap((d) => {
        const x = k.masks.get(d);
        return x === undefined ? [] : [[d, x] as const];
      }),
      [name, def],
    ]);
    const value = evaluateMasks(withDeps, tables);
    if (!value.ok) {
      notes.push(`${name} (not a thread_info.h mask) cannot be taken from ${k.id}: ${value.error.message}`);
      continue;
    }
    for (const d of deps) {
      const x = k.masks.get(d);
      if (x === undefined || out.has(d)) continue;
      out.set(d, x);
      notes.push(`${d} is not a thread_info.h mask: taken from built-in ${k.id}, over the header's bits`);
    }
    out.set(name, def);
    notes.push(`${name} is not a thread_info.h mask: taken from built-in ${k.id}, over the header's bits`);
  }
  return out;
}

/** The same subject with more edits to its masks (a fix candidate, a proposal made of edits). */
export function editSubject(s: Subject, more: readonly string[]): Result<Subject> {
  // Behaviour (FRED, new flags) is kept: only the masks change.
  const masks = withEdits(s.masks, s.tables, more);
  if (!masks.ok) return masks;
  const values = evaluateMasks(masks.value, s.tables);
  if (!values.ok) return values;
  return ok({
    ...s,
    edits: [...s.edits, ...more],
    masks: masks.value,
    input: {
      ...s.input,
      masks: values.value,
      maskTables: maskTablesOf(masks.value, s.tables),
      maskExprs: exprsOf(masks.value),
    },
  });
}
