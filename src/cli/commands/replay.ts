import { createHash } from 'node:crypto';
import { explanationFor } from '../../../properties/pinNotes.js';
import { PROPERTIES } from '../../../properties/registry.js';
import { seedNotesFor } from '../../../properties/seedNotes.js';
import { isPropertyId } from '../../check/propertyId.js';
import type { StoredHeader } from '../../check/subject.js';
import { verifyContext } from '../../check/verify.js';
import { err, formatInputError, inputError, ok, type Result } from '../../flags/errors.js';
import { isKernelId } from '../../kernels/kernelId.js';
import { isPathId, type PathId } from '../../kernels/pathId.js';
import { makeContext } from '../../model/context.js';
import type { CounterexampleDoc } from '../../report/counterexampleDoc.js';
import { readCounterexampleDoc } from '../../report/readReport.js';
import { counterexampleDocs, sourceInfo } from '../../report/reports.js';
import { parseOptions } from '../args.js';
import { EXIT, type ExitCode } from '../exitCodes.js';
import type { Io } from '../io.js';
import { loadSubject, treeOptions } from '../subjectOptions.js';
import { visible } from '../visible.js';

/**
 * `tifcheck replay FILE.json`: checks the property again with the settings the report records and
 * compares the new report with the stored one. Exit 0 if it reproduces exactly, 1 if anything
 * changed (and what), 2 for a file that is not a counterexample report.
 */
export function replayCommand(args: readonly string[], io: Io): Result<ExitCode> {
  const p = parseOptions('replay', args, {}, Number.MAX_SAFE_INTEGER);
  if (!p.ok) return p;
  const files = p.value.positionals;
  if (files.length === 0) return err(inputError('bad-argument', 'replay: give the counterexample JSON file'));
  if (files.length === 1) return replayOne(files[0] as string, io);
  // Several reports (a directory of pins, say): each is said on its own line, bad ones on stderr;
  // the status is the worst: 2 if any could not be read, else 1 if any changed.
  let worst: ExitCode = EXIT.ok;
  for (const file of files) {
    const r = replayOne(file, io);
    if (r.ok) {
      if (r.value !== EXIT.ok && worst === EXIT.ok) worst = r.value;
      continue;
    }
    io.stderr(`tifcheck: ${visible(formatInputError(r.error))}\n`);
    worst = EXIT.badInput;
  }
  return ok(worst);
}

/** One stored report, replayed. */
function replayOne(file: string, io: Io): Result<ExitCode> {
  const text = io.readFile(file);
  if (!text.ok) return text;
  const stored = readCounterexampleDoc(text.value, file);
  if (!stored.ok) return stored;
  const doc = stored.value;
  const where = { kind: 'file', file } as const;
  if (!isPropertyId(doc.property))
    return err(inputError('bad-report', `unknown property ${doc.property}`, where));
  const paths = doc.violations.map((v) => v.path);
  if (!paths.every((x): x is PathId | null => x === null || isPathId(x)))
    return err(inputError('bad-report', 'a violation names an unknown path', where));
  if (isKernelId(doc.kernel) && doc.kernel !== doc.pathsFrom)
    return err(
      inputError(
        'bad-report',
        `kernel ${doc.kernel} with the control flow of ${doc.pathsFrom}: a built-in kernel is its own control flow`,
        where,
      ),
    );
  const fromKernel = isKernelId(doc.kernel);
  const t = doc.tree;
  const trees = t === undefined ? ok({}) : treeOptions(io, t.dir, t.rev, t.patch);
  if (!trees.ok) return err(inputError('bad-report', `its tree: ${trees.error.message}`, where));
  const header = storedHeaderUse(io, doc);
  const subject = loadSubject(
    io,
    'replay',
    t !== undefined
      ? { edits: doc.edits, flagWork: doc.flagWork ?? [], fred: doc.fred === true, ...trees.value }
      : fromKernel
        ? { kernel: doc.kernel, edits: doc.edits, fred: doc.fred === true }
        : {
            header: doc.kernel,
            paths: doc.pathsFrom,
            edits: doc.edits,
            flagWork: doc.flagWork ?? [],
            fred: doc.fred === true,
            ...(header.use === undefined ? {} : { storedHeader: header.use }),
          },
  );
  if (!subject.ok) {
    // The edits and kernel come from the file, not the command line: name the file.
    const w = subject.error.where;
    if (w?.kind === 'argument')
      return err(inputError('bad-report', `stored ${w.argument}: ${subject.error.message}`, where));
    if (w?.kind === 'file' && w.file === doc.kernel && subject.error.code === 'unreadable-file')
      return err(inputError('bad-report', `its header ${doc.kernel}: ${subject.error.message}`, where));
    return subject;
  }
  const seed = doc.violations.find((v) => v.counterexample.foundBy.fastCheck !== undefined)?.counterexample
    .foundBy.fastCheck;
  const method = doc.violations.every((v) => v.method === 'exhaustive') ? 'auto' : 'fast-check';
  const results = verifyContext(makeContext(subject.value.input), [PROPERTIES[doc.property]], {
    method,
    runs: seed?.runs ?? 100,
    seed: seed?.seed ?? 0,
    raw: doc.raw,
    paths: paths.filter((x): x is PathId => x !== null),
    ...(doc.events === 'none' ? { events: 'none' as const } : {}),
  });
  const fresh = counterexampleDocs(
    subject.value,
    results,
    PROPERTIES,
    sourceInfo(subject.value, doc.raw, doc.tool, doc.events),
    seedNotesFor,
    { explanationFor },
  )[0];
  const changes =
    fresh === undefined ? ['the property now holds: nothing breaks it'] : differences(doc, fresh);
  if (header.said !== undefined) io.stdout(`${file}: ${header.said}\n`);
  if (changes.length === 0) {
    io.stdout(
      `${file}: reproduces exactly (${doc.violations.length} path${doc.violations.length === 1 ? '' : 's'}, ${doc.property})\n`,
    );
    return ok(EXIT.ok);
  }
  io.stdout(`${file}: no longer reproduces:\n${changes.map((c) => `  ${c}\n`).join('')}`);
  return ok(EXIT.violated);
}

/**
 * A header report's stored definitions stand in for the file when the file is gone or is no longer
 * what was checked (its hash differs); the reader is told which.
 */
function storedHeaderUse(io: Io, doc: CounterexampleDoc): { use?: StoredHeader; said?: string } {
  const stored = doc.header;
  if (stored === undefined || isKernelId(doc.kernel) || doc.tree !== undefined) return {};
  const text = io.readFile(doc.kernel);
  if (!text.ok)
    return {
      use: stored,
      said: `the header is not readable here; replayed from the definitions the report stores`,
    };
  if (createHash('sha256').update(text.value).digest('hex') === stored.sha256) return {};
  return {
    use: stored,
    said: `${doc.kernel} has changed since the report (its SHA-256 differs); replayed from the definitions the report stores`,
  };
}

function differences(a: CounterexampleDoc, b: CounterexampleDoc): string[] {
  const out: string[] = [];
  const key = (v: { path: PathId | null }) => v.path ?? 'masks';
  for (const va of a.violations) {
    const vb = b.violations.find((x) => x.path === va.path);
    if (vb === undefined) {
      out.push(`${key(va)}: the property now holds`);
      continue;
    }
    const ca = va.counterexample;
    const cb = vb.counterexample;
    if (
      ca.flags.join('|') !== cb.flags.join('|') ||
      (ca.syscallWork ?? []).join('|') !== (cb.syscallWork ?? []).join('|') ||
      JSON.stringify(ca.events) !== JSON.stringify(cb.events)
    ) {
      out.push(
        `${key(va)}: minimal counterexample was ${ca.flags.join('|') || 'no flags'}, now ${cb.flags.join('|') || 'no flags'}`,
      );
    }
    if (ca.outcome !== cb.outcome) out.push(`${key(va)}: outcome was ${ca.outcome}, now ${cb.outcome}`);
    if (ca.message !== cb.message) out.push(`${key(va)}: was "${ca.message}", now "${cb.message}"`);
    const i = ca.trace.findIndex((t, j) => JSON.stringify(t) !== JSON.stringify(cb.trace[j]));
    if (i >= 0 || ca.trace.length !== cb.trace.length)
      out.push(
        `${key(va)}: the trace differs from step ${i >= 0 ? i : Math.min(ca.trace.length, cb.trace.length)}`,
      );
  }
  for (const vb of b.violations)
    if (!a.violations.some((x) => x.path === vb.path)) out.push(`${key(vb)}: now violated too`);
  // The fix is advice from a search of its own, which replay does not run again.
  const unfixed = (d: CounterexampleDoc) => ({
    ...d,
    violations: d.violations.map(({ fixes: _f, noFix: _n, ...v }) => v),
  });
  if (out.length === 0 && JSON.stringify(unfixed(a)) !== JSON.stringify(unfixed(b)))
    out.push('the report text differs (reachability, notes or search statistics)');
  return out;
}
