import { explanationFor } from '../../../properties/pinNotes.js';
import { PROPERTIES } from '../../../properties/registry.js';
import { seedNotesFor } from '../../../properties/seedNotes.js';
import { type FixSearch, suggestFixes } from '../../check/fixes.js';
import type { JobRunner } from '../../check/pathJobs.js';
import type { Property } from '../../check/property.js';
import { PROPERTY_IDS } from '../../check/propertyId.js';
import type { CheckResult } from '../../check/result.js';
import { DEFAULT_RUNS, DEFAULT_SEED } from '../../check/settings.js';
import { reaches, reachesSeverity, type Severity } from '../../check/severity.js';
import { kernelSubject, type Subject } from '../../check/subject.js';
import {
  checkUserProperties,
  isUserProperty,
  UserPredicateError,
  type UserProperty,
  type UserResult,
  userProperty,
} from '../../check/userProperty.js';
import { type VerifyOptions, verifyContext, verifyInputs } from '../../check/verify.js';
import { err, inputError, ok, type Result } from '../../flags/errors.js';
import { KERNEL_IDS } from '../../kernels/kernelId.js';
import { getKernel, KERNEL_SPECS } from '../../kernels/registry.js';
import { makeContext } from '../../model/context.js';
import { junitXml, tapText } from '../../report/ciReport.js';
import type { CounterexampleDoc } from '../../report/counterexampleDoc.js';
import { counterexampleMarkdown } from '../../report/counterexampleMarkdown.js';
import { counterexampleText } from '../../report/counterexampleText.js';
import { asPinned, counterexampleDocs, pinnedPath, sourceInfo } from '../../report/reports.js';
import { userResultLines, userResultsJson, userSectionTitle } from '../../report/userReport.js';
import {
  kernelTableText,
  searchSettingsLine,
  VERIFY_SCHEMA,
  verifyJson,
  verifyText,
} from '../../report/verifyReport.js';
import { flagOption, parseOptions, stringOption, stringsOption } from '../args.js';
import { EXIT, type ExitCode } from '../exitCodes.js';
import type { Io } from '../io.js';
import { jobsRunner } from '../jobs.js';
import {
  eventsOption,
  type Format,
  failOn,
  format,
  integer,
  pathIds,
  positiveInt,
  propertyIds,
} from '../options.js';
import { terminalProgress } from '../progress.js';
import { loadSubject, treeOptions, unusedFlagWork } from '../subjectOptions.js';
import { VERSION } from '../version.js';

export const SPEC = {
  kernel: { type: 'string' },
  header: { type: 'string' },
  paths: { type: 'string' },
  edit: { type: 'string', multiple: true },
  property: { type: 'string', multiple: true },
  path: { type: 'string', multiple: true },
  exhaustive: { type: 'boolean' },
  runs: { type: 'string' },
  seed: { type: 'string' },
  raw: { type: 'boolean' },
  events: { type: 'string' },
  format: { type: 'string' },
  json: { type: 'boolean' },
  out: { type: 'string' },
  update: { type: 'boolean' },
  'no-fixes': { type: 'boolean' },
  jobs: { type: 'string' },
  'fail-on': { type: 'string' },
  'flag-work': { type: 'string', multiple: true },
  fred: { type: 'boolean' },
  tree: { type: 'string' },
  rev: { type: 'string' },
  patch: { type: 'string' },
  properties: { type: 'string', multiple: true },
} as const;

interface Plan {
  readonly options: VerifyOptions;
  readonly properties: readonly Property[];
  readonly format: Format;
  readonly out: string | undefined;
  readonly update: boolean;
  /** Search mask edits that fix each violation (single subject, not md). */
  readonly fixes: boolean;
  readonly runner: JobRunner;
  /** The least serious class of violation that makes the exit status 1. */
  readonly failOn: Severity;
  /** The user's own properties (--properties FILE), checked after the built-in ones. */
  readonly user: readonly UserProperty[];
  readonly userFiles: readonly string[];
  /** Which of userFiles each user property came from, by id. */
  readonly userIndex: ReadonlyMap<string, number>;
}

/** 1 when a violated property reaches the threshold, else 0: a lint alone does not fail a run. */
const statusOf = (results: readonly CheckResult[], threshold: Severity): ExitCode =>
  results.some((r) => r.verdict === 'violated' && reaches(r.property, threshold)) ? EXIT.violated : EXIT.ok;

/** `tifcheck verify`: every property on every path, for one subject or for every built-in kernel. */
export function verifyCommand(args: readonly string[], io: Io): Result<ExitCode> {
  const p = parseOptions('verify', args, SPEC);
  if (!p.ok) return p;
  const v = p.value;
  if (flagOption(v, 'exhaustive') && stringOption(v, 'runs') !== undefined) {
    return err(
      inputError('bad-argument', 'give --exhaustive or --runs N, not both', {
        kind: 'argument',
        argument: '--runs',
      }),
    );
  }
  const runs = positiveInt('--runs', stringOption(v, 'runs'), DEFAULT_RUNS);
  const seed = integer('--seed', stringOption(v, 'seed'), DEFAULT_SEED);
  const props = propertyIds(stringsOption(v, 'property'));
  const paths = pathIds(stringsOption(v, 'path'));
  const fmt = format(stringOption(v, 'format'), flagOption(v, 'json'));
  if (!runs.ok) return runs;
  if (!seed.ok) return seed;
  if (!props.ok) return props;
  if (!paths.ok) return paths;
  if (!fmt.ok) return fmt;
  const events = eventsOption(stringOption(v, 'events'));
  if (!events.ok) return events;
  const threshold = failOn(stringOption(v, 'fail-on'));
  if (!threshold.ok) return threshold;
  const runner = jobsRunner(stringOption(v, 'jobs'));
  if (!runner.ok) return runner;
  const method = flagOption(v, 'exhaustive')
    ? 'exhaustive'
    : stringOption(v, 'runs') !== undefined
      ? 'fast-check'
      : 'auto';
  const options: VerifyOptions = {
    method,
    runs: runs.value,
    seed: seed.value,
    raw: flagOption(v, 'raw'),
    ...(paths.value === undefined ? {} : { paths: paths.value }),
    ...(events.value === 'none' ? { events: 'none' as const } : {}),
  };
  const out = stringOption(v, 'out');
  if (out !== undefined) {
    const dir = io.outputDirectory(out);
    if (!dir.ok) return dir;
  }
  const userFiles = stringsOption(v, 'properties');
  // md and text are the pinned reports of built-in properties; a user's go to the others.
  if (userFiles.length > 0 && (fmt.value === 'md' || fmt.value === 'text'))
    return err(
      inputError('bad-argument', '--properties prints with the summary, --json, tap or junit', {
        kind: 'argument',
        argument: `--format ${fmt.value}`,
      }),
    );
  const userProps = loadUserProperties(io, userFiles);
  if (!userProps.ok) return userProps;
  const plan: Plan = {
    options,
    user: userProps.value.properties,
    userFiles,
    userIndex: userProps.value.fileOf,
    properties: (props.value ?? PROPERTY_IDS).map((id) => PROPERTIES[id]),
    format: fmt.value,
    out,
    update: flagOption(v, 'update'),
    fixes: !flagOption(v, 'no-fixes'),
    runner: runner.value,
    failOn: threshold.value,
  };
  const edits = stringsOption(v, 'edit');
  const kernel = stringOption(v, 'kernel');
  const header = stringOption(v, 'header');
  const trees = treeOptions(io, stringOption(v, 'tree'), stringOption(v, 'rev'), stringOption(v, 'patch'));
  if (!trees.ok) return trees;
  if (kernel === undefined && header === undefined && trees.value.tree === undefined) {
    if (edits.length > 0)
      return err(
        inputError('bad-argument', '--edit needs --kernel ID or --header FILE', {
          kind: 'argument',
          argument: `--edit ${edits[0]}`,
        }),
      );
    if (flagOption(v, 'fred'))
      return err(
        inputError(
          'bad-argument',
          '--fred needs --kernel ID or --header FILE (a kernel with FRED: v6.14 or later)',
          {
            kind: 'argument',
            argument: '--fred',
          },
        ),
      );
    if (plan.user.length > 0)
      return err(
        inputError('bad-argument', '--properties needs --kernel ID, --header FILE or --tree DIR', {
          kind: 'argument',
          argument: `--properties ${userFiles[0]}`,
        }),
      );
    return verifyAll(io, plan);
  }
  const flagWork = stringsOption(v, 'flag-work');
  const subject = loadSubject(io, 'verify', {
    kernel,
    header,
    paths: stringOption(v, 'paths'),
    edits,
    flagWork,
    fred: flagOption(v, 'fred'),
    ...trees.value,
  });
  if (!subject.ok) return subject;
  const unused = unusedFlagWork(flagWork, [subject.value]);
  if (!unused.ok) return unused;
  const unmodelled = paths.value?.find((path) => !subject.value.input.behaviour.paths.includes(path));
  if (unmodelled !== undefined) {
    return err(
      inputError(
        'unknown-path',
        `kernel ${subject.value.pathsFrom} does not model path ${unmodelled}; it models ${subject.value.input.behaviour.paths.join(', ') || 'masks only'}`,
        {
          kind: 'argument',
          argument: `--path ${unmodelled}`,
        },
      ),
    );
  }
  const progress = terminalProgress(io, 'verify', plan.format !== 'json');
  const results = verifyContext(
    makeContext(subject.value.input),
    plan.properties,
    options,
    progress,
    plan.runner,
  );
  const fixes = plan.fixes
    ? suggestFixes(subject.value, results, plan.properties, options, undefined, progress, plan.runner)
    : undefined;
  const checked = userVerdicts(subject.value, plan, options);
  if (!checked.ok) {
    progress.end();
    return checked;
  }
  const user = checked.value;
  progress.end();
  const docs = docsFor(subject.value, results, plan, fixes);
  const title = kernel !== undefined ? KERNEL_SPECS[subject.value.pathsFrom].title : '';
  if (plan.format === 'json') {
    const json = verifyJson(subject.value, results, fixes) as Record<string, unknown>;
    const mine = plan.user.length === 0 ? {} : { userResults: userResultsJson(subject.value.input, user) };
    io.stdout(`${JSON.stringify({ ...json, ...mine }, null, 2)}\n`);
  } else if (plan.format === 'md') io.stdout(docs.map((d) => counterexampleMarkdown(d)).join('\n'));
  else if (plan.format === 'text') io.stdout(docs.map((d) => counterexampleText(d)).join('\n'));
  else if (plan.format === 'tap')
    io.stdout(tapText([{ subject: subject.value, results: [...results, ...user] }], plan.failOn));
  else if (plan.format === 'junit')
    io.stdout(junitXml([{ subject: subject.value, results: [...results, ...user] }], plan.failOn));
  else {
    const s = subject.value;
    const pinned = asPinned(s);
    io.stdout(
      verifyText(
        s,
        title,
        results,
        searchSettingsLine(options),
        fixes,
        (p) => (pinned ? explanationFor(s.kernel, p) : undefined),
        io.columns ?? 80,
      ),
    );
  }
  if (plan.user.length > 0 && plan.format !== 'json') {
    const columns = io.columns ?? 80;
    const lines = userResultLines(subject.value.input, plan.user, user, columns);
    io.stdout(`\n${userSectionTitle(subject.value, plan.userFiles.join(', '))}\n${lines.join('\n')}\n`);
  }
  const written = writeReports(io, docs, plan);
  if (!written.ok) return written;
  const mine = user.some((r) => r.verdict === 'violated' && reachesSeverity(r.severity, plan.failOn));
  return ok(mine ? EXIT.violated : statusOf(results, plan.failOn));
}

function verifyAll(io: Io, plan: Plan): Result<ExitCode> {
  const subjects: Subject[] = [];
  for (const id of KERNEL_IDS) {
    const subject = kernelSubject(getKernel(id));
    if (!subject.ok) return subject;
    subjects.push(subject.value);
  }
  const progress = terminalProgress(io, 'verify', plan.format !== 'json');
  // Every kernel's paths at once, so that the workers share them all.
  const all = verifyInputs(
    subjects.map((s) => s.input),
    plan.properties,
    plan.options,
    progress,
    plan.runner,
  );
  const rows = subjects.map((subject, i) => ({ subject, results: all[i] ?? [] }));
  // Reports written to --out carry each violation's fix, as the pinned ones do; the table has none.
  const fixes = rows.map((r) =>
    plan.out !== undefined && plan.fixes
      ? suggestFixes(r.subject, r.results, plan.properties, plan.options, undefined, progress, plan.runner)
      : undefined,
  );
  progress.end();
  const docs = rows.flatMap((r, i) => docsFor(r.subject, r.results, plan, fixes[i]));
  if (plan.format === 'json') {
    io.stdout(
      `${JSON.stringify({ schema: VERIFY_SCHEMA, kernels: rows.map((r) => verifyJson(r.subject, r.results)) }, null, 2)}\n`,
    );
  } else if (plan.format === 'md') {
    io.stdout(docs.map((d) => counterexampleMarkdown(d)).join('\n'));
  } else if (plan.format === 'tap') {
    io.stdout(tapText(rows, plan.failOn));
  } else if (plan.format === 'junit') {
    io.stdout(junitXml(rows, plan.failOn));
  } else if (plan.format === 'text') {
    io.stdout(docs.map((d) => counterexampleText(d)).join('\n'));
  } else {
    io.stdout(`tifcheck verify: every built-in kernel\n${searchSettingsLine(plan.options)}\n\n`);
    io.stdout(
      kernelTableText(
        rows.map((r) => ({ kernel: r.subject.kernel, results: r.results })),
        plan.properties.map((x) => x.id),
      ),
    );
    io.stdout('\ntifcheck verify --kernel ID gives the counterexamples of one kernel.\n');
  }
  const written = writeReports(io, docs, plan);
  if (!written.ok) return written;
  return ok(
    statusOf(
      rows.flatMap((r) => r.results),
      plan.failOn,
    ),
  );
}

function docsFor(
  subject: Subject,
  results: readonly CheckResult[],
  plan: Plan,
  fixes?: readonly FixSearch[],
): CounterexampleDoc[] {
  return counterexampleDocs(
    subject,
    results,
    PROPERTIES,
    sourceInfo(subject, plan.options.raw, `tifcheck ${VERSION}`, plan.options.events),
    seedNotesFor,
    { explanationFor, ...(fixes === undefined ? {} : { fixes }) },
  );
}

/** Pinned reports: written whole or not at all; an existing report changes only with --update. */
function writeReports(io: Io, docs: readonly CounterexampleDoc[], plan: Plan): Result<void> {
  if (plan.out === undefined) return ok(undefined);
  for (const doc of docs) {
    const jsonPath = pinnedPath(plan.out, doc, 'json');
    const mdPath = pinnedPath(plan.out, doc, 'md');
    const files: [string, string][] = [
      [jsonPath, `${JSON.stringify(doc, null, 2)}\n`],
      [mdPath, counterexampleMarkdown(doc, jsonPath)],
    ];
    for (const [path, text] of files) {
      const current = io.fileExists(path) ? io.readFile(path) : undefined;
      // A directory or device where a report goes is an error, not a report that "differs".
      if (current !== undefined && !current.ok) return current;
      if (current?.ok && current.value === text) continue;
      if (current !== undefined && !plan.update) {
        io.stderr(`tifcheck: kept ${path}: the new report differs; --update replaces it\n`);
        continue;
      }
      const w = io.writeFileAtomic(path, text);
      if (!w.ok) return w;
    }
  }
  return ok(undefined);
}

/**
 * The properties of each --properties module: its `properties` export (an array), else its
 * default export (one property or an array), each made by defineProperty or a plain spec of one.
 */
function loadUserProperties(
  io: Io,
  files: readonly string[],
): Result<{ properties: UserProperty[]; fileOf: Map<string, number> }> {
  const out: UserProperty[] = [];
  const fileOf = new Map<string, number>();
  for (const [index, file] of files.entries()) {
    const where = { kind: 'file', file } as const;
    const m = io.loadModule(file);
    if (!m.ok) return m;
    const exported = m.value.properties ?? m.value.default;
    const list = Array.isArray(exported) ? exported : exported === undefined ? [] : [exported];
    if (list.length === 0)
      return err(
        inputError('bad-property', 'exports no property: export `properties`, an array of them', where),
      );
    for (const x of list) {
      const p = userProperty(isUserProperty(x) ? x.spec : x, where);
      if (!p.ok) return p;
      if (out.some((q) => q.spec.id === p.value.spec.id))
        return err(inputError('bad-property', `property ${p.value.spec.id} is defined twice`, where));
      out.push(p.value);
      fileOf.set(p.value.spec.id, index);
    }
  }
  return ok({ properties: out, fileOf });
}

/** The user's properties on the subject; a predicate that throws is an error naming its file. */
function userVerdicts(subject: Subject, plan: Plan, options: VerifyOptions): Result<UserResult[]> {
  if (plan.user.length === 0) return ok([]);
  try {
    return ok(checkUserProperties(makeContext(subject.input), plan.user, options));
  } catch (e) {
    if (!(e instanceof UserPredicateError)) throw e;
    const file = plan.userFiles[plan.userIndex.get(e.property) ?? 0] ?? '';
    return err(inputError('bad-property', e.message, { kind: 'file', file }));
  }
}
