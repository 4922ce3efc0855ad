import { PROPERTIES } from '../../../properties/registry.js';
import { seedNotesFor } from '../../../properties/seedNotes.js';
import { diffSubjects, type SubjectDiff } from '../../check/diff.js';
import { PROPERTY_IDS } from '../../check/propertyId.js';
import { placeKey } from '../../check/result.js';
import { reaches } from '../../check/severity.js';
import type { Subject } from '../../check/subject.js';
import { DEFAULT_OPTIONS, type VerifyOptions } from '../../check/verify.js';
import { err, inputError, ok, type Result } from '../../flags/errors.js';
import { isKernelId } from '../../kernels/kernelId.js';
import { diffJson, diffReplyText, diffText } from '../../report/diffReport.js';
import { counterexampleDocs, sourceInfo } from '../../report/reports.js';
import { searchSettingsLine } from '../../report/verifyReport.js';
import { flagOption, parseOptions, stringOption, stringsOption } from '../args.js';
import { EXIT, type ExitCode } from '../exitCodes.js';
import type { Io } from '../io.js';
import { jobsRunner } from '../jobs.js';
import { failOn, format, pathIds } from '../options.js';
import { terminalProgress } from '../progress.js';
import { loadSubject, treeOptions, unusedFlagWork } from '../subjectOptions.js';
import { VERSION } from '../version.js';

export const SPEC = {
  base: { type: 'string' },
  proposed: { type: 'string' },
  edit: { type: 'string', multiple: true },
  path: { type: 'string', multiple: true },
  json: { type: 'boolean' },
  format: { type: 'string' },
  jobs: { type: 'string' },
  'fail-on': { type: 'string' },
  'flag-work': { type: 'string', multiple: true },
  fred: { type: 'string' },
  tree: { type: 'string' },
  rev: { type: 'string' },
  patch: { type: 'string' },
} as const;

/**
 * `tifcheck diff`: every property before and after a change (a proposed kernel or header, or edits
 * to the base's masks), and the behaviour of every path both model, compared input by input. The
 * exit status gates the proposal: 1 only when it breaks a property that held on the base, of
 * `--fail-on`'s class or a more serious one (by default: a bug); what it fixes or leaves as it was
 * does not fail it.
 */
export function diffCommand(args: readonly string[], io: Io): Result<ExitCode> {
  const p = parseOptions('diff', args, SPEC);
  if (!p.ok) return p;
  const v = p.value;
  const baseArg = stringOption(v, 'base');
  const proposedArg = stringOption(v, 'proposed');
  const edits = stringsOption(v, 'edit');
  const tree = stringOption(v, 'tree');
  const trees = treeOptions(io, tree, stringOption(v, 'rev'), stringOption(v, 'patch'));
  if (!trees.ok) return trees;
  if (tree !== undefined && baseArg !== undefined)
    return err(inputError('bad-argument', 'diff: --tree is the base; give it or --base, not both'));
  if (baseArg === undefined && tree === undefined)
    return err(inputError('bad-argument', 'diff: give --base ID|FILE or --tree DIR'));
  if (proposedArg === undefined && edits.length === 0 && trees.value.patch === undefined)
    return err(
      inputError(
        'bad-argument',
        'diff: give --proposed ID|FILE, --patch FILE (with --tree) or at least one --edit EDIT',
      ),
    );
  const paths = pathIds(stringsOption(v, 'path'));
  if (!paths.ok) return paths;
  const flagWork = stringsOption(v, 'flag-work');
  // Which sides run as on FRED hardware: one of them, to see what FRED changes, or both.
  const fred = stringOption(v, 'fred');
  if (fred !== undefined && !['base', 'proposed', 'both'].includes(fred))
    return err(
      inputError('bad-argument', '--fred takes base, proposed or both', {
        kind: 'argument',
        argument: `--fred ${fred}`,
      }),
    );
  const onFred = (which: 'base' | 'proposed') => fred === which || fred === 'both';
  // With --tree: the tree is the base, and the proposal is the tree patched, or edited.
  const { patch, ...unpatched } = trees.value;
  const base =
    baseArg === undefined
      ? loadSubject(io, 'diff', { edits: [], flagWork, fred: onFred('base'), ...unpatched })
      : side(io, '--base', baseArg, [], flagWork, onFred('base'));
  if (!base.ok) return base;
  const proposed =
    proposedArg === undefined && baseArg === undefined
      ? loadSubject(io, 'diff', { edits, flagWork, fred: onFred('proposed'), ...trees.value })
      : side(
          io,
          proposedArg === undefined ? '--edit' : '--proposed',
          proposedArg ?? baseArg ?? '',
          edits,
          flagWork,
          onFred('proposed'),
        );
  if (!proposed.ok) return proposed;
  if (patch !== undefined && proposedArg !== undefined)
    return err(inputError('bad-argument', 'diff: --patch is the proposal; give it or --proposed, not both'));
  const unused = unusedFlagWork(flagWork, [base.value, proposed.value]);
  if (!unused.ok) return unused;
  const options: VerifyOptions = {
    ...DEFAULT_OPTIONS,
    ...(paths.value === undefined ? {} : { paths: paths.value }),
  };
  const threshold = failOn(stringOption(v, 'fail-on'));
  if (!threshold.ok) return threshold;
  const runner = jobsRunner(stringOption(v, 'jobs'));
  if (!runner.ok) return runner;
  const fmt = format(stringOption(v, 'format'), flagOption(v, 'json'));
  if (!fmt.ok) return fmt;
  if (fmt.value === 'md' || fmt.value === 'tap' || fmt.value === 'junit')
    return err(
      inputError('bad-argument', 'diff: --format is text or json', {
        kind: 'argument',
        argument: '--format md',
      }),
    );
  const progress = terminalProgress(io, 'diff', fmt.value !== 'json');
  const d = diffSubjects(
    base.value,
    proposed.value,
    PROPERTY_IDS.map((id) => PROPERTIES[id]),
    options,
    { progress, runner: runner.value },
  );
  progress.end();
  if (fmt.value === 'json') io.stdout(`${JSON.stringify(diffJson(d), null, 2)}\n`);
  else if (fmt.value === 'text') io.stdout(diffReply(d));
  else io.stdout(diffText(d, searchSettingsLine(options), io.columns ?? 80));
  // A path only the proposal models has no base to break; a violation there is new all the same.
  const broken = d.verdicts.some(
    (x) =>
      (x.change === 'broken' || (x.change === 'only-proposed' && x.after === 'violated')) &&
      reaches(x.property, threshold.value),
  );
  return ok(broken ? EXIT.violated : EXIT.ok);
}

/** `diff --format text`: the change in a few lines, then a reply per property it breaks. */
function diffReply(d: SubjectDiff): string {
  const broken = new Set(d.verdicts.filter((x) => x.change === 'broken').map(placeKey));
  const docs = counterexampleDocs(
    d.proposed,
    d.after.filter((r) => broken.has(placeKey(r))),
    PROPERTIES,
    sourceInfo(d.proposed, false, `tifcheck ${VERSION}`),
    seedNotesFor,
    { fixes: d.fixes },
  );
  return diffReplyText(d, docs);
}

/** A built-in kernel id, else a header file; a word that looks like a kernel id is judged as one. */
function side(
  io: Io,
  option: string,
  text: string,
  edits: readonly string[],
  flagWork: readonly string[],
  fred: boolean,
): Result<Subject> {
  const asKernel = isKernelId(text) || (!io.fileExists(text) && /^v\d/.test(text));
  return loadSubject(
    io,
    'diff',
    asKernel ? { kernel: text, kernelOption: option, edits, fred } : { header: text, edits, flagWork, fred },
  );
}
