import { PROPERTIES } from '../../../properties/registry.js';
import { PROPERTY_IDS } from '../../check/propertyId.js';
import { type CheckResult, placeKey } from '../../check/result.js';
import { SEVERITY } from '../../check/severity.js';
import type { Subject } from '../../check/subject.js';
import { DEFAULT_OPTIONS, type VerifyOptions, verifyContext } from '../../check/verify.js';
import { err, formatInputError, inputError, ok, type Result } from '../../flags/errors.js';
import { makeContext } from '../../model/context.js';
import { violationLines } from '../../report/violationLines.js';
import { flagOption, parseOptions, stringOption, stringsOption } from '../args.js';
import { EXIT, type ExitCode } from '../exitCodes.js';
import type { Io } from '../io.js';
import { pathIds, propertyIds } from '../options.js';
import { loadSubject } from '../subjectOptions.js';

/** The version of `tifcheck history --json`. */
export const HISTORY_SCHEMA = 'tifcheck-history/1';

export const SPEC = {
  tree: { type: 'string' },
  from: { type: 'string' },
  to: { type: 'string' },
  path: { type: 'string', multiple: true },
  property: { type: 'string', multiple: true },
  json: { type: 'boolean' },
} as const;

const RELEASE_TAG = /^v(\d+)\.(\d+)(?:\.(\d+))?$/;

/** A release tag's order: v4.4 < v4.4.1 < v4.5. */
function tagKey(tag: string): number[] {
  const m = RELEASE_TAG.exec(tag);
  return [Number(m?.[1] ?? 0), Number(m?.[2] ?? 0), Number(m?.[3] ?? 0)];
}
const byVersion = (a: string, b: string): number => {
  const x = tagKey(a);
  const y = tagKey(b);
  const i = x.findIndex((v, j) => v !== y[j]);
  return i < 0 ? 0 : (x[i] ?? 0) - (y[i] ?? 0);
};

interface TagRun {
  readonly tag: string;
  readonly subject?: Subject;
  readonly results: readonly CheckResult[];
  readonly error?: string;
}

/**
 * `tifcheck history --tree DIR [--from TAG] [--to TAG]`: every release tag of a kernel repository
 * in range, checked at that revision (git show, no checkout), and for each property and path the
 * tags where its verdict changed: which release broke it, with the counterexample on the broken
 * side, and which fixed it. One progress line per tag on a terminal.
 */
export function historyCommand(args: readonly string[], io: Io): Result<ExitCode> {
  const p = parseOptions('history', args, SPEC);
  if (!p.ok) return p;
  const v = p.value;
  const dir = stringOption(v, 'tree');
  if (dir === undefined)
    return err(inputError('bad-argument', 'history: give --tree DIR (a git repository)'));
  const paths = pathIds(stringsOption(v, 'path'));
  if (!paths.ok) return paths;
  const props = propertyIds(stringsOption(v, 'property'));
  if (!props.ok) return props;
  const tags = io.gitTags(dir);
  if (!tags.ok) return tags;
  const releases = tags.value.filter((t) => RELEASE_TAG.test(t)).sort(byVersion);
  const from = stringOption(v, 'from');
  const to = stringOption(v, 'to');
  for (const [option, tag] of [
    ['--from', from],
    ['--to', to],
  ] as const)
    if (tag !== undefined && !releases.includes(tag))
      return err(
        inputError('bad-argument', `no release tag ${tag} in ${dir}`, {
          kind: 'argument',
          argument: `${option} ${tag}`,
        }),
      );
  const range = releases.filter(
    (t) => (from === undefined || byVersion(t, from) >= 0) && (to === undefined || byVersion(t, to) <= 0),
  );
  if (range.length === 0)
    return err(inputError('bad-argument', `no release tags (vX.Y or vX.Y.Z) in range in ${dir}`));
  const options: VerifyOptions = {
    ...DEFAULT_OPTIONS,
    ...(paths.value === undefined ? {} : { paths: paths.value }),
  };
  const properties = (props.value ?? PROPERTY_IDS).map((id) => PROPERTIES[id]);
  const runs: TagRun[] = range.map((tag, i) => {
    if (io.isTTY) io.stderr(`history: ${i + 1}/${range.length} ${tag}\n`);
    const s = loadSubject(io, 'history', { tree: dir, rev: tag, edits: [] });
    if (!s.ok) return { tag, results: [], error: formatInputError(s.error) };
    const modelled = (options.paths ?? s.value.input.behaviour.paths).filter((x) =>
      s.value.input.behaviour.paths.includes(x),
    );
    const results = verifyContext(makeContext(s.value.input), properties, { ...options, paths: modelled });
    return { tag, subject: s.value, results };
  });
  const changes = changesOf(runs);
  if (flagOption(v, 'json')) io.stdout(`${JSON.stringify(historyJson(dir, runs, changes), null, 2)}\n`);
  else io.stdout(historyText(dir, runs, changes));
  return ok(EXIT.ok);
}

interface Change {
  readonly property: string;
  readonly path: string | null;
  readonly kind: 'broken' | 'fixed';
  readonly tag: string;
  readonly previous: string;
  /** The counterexample, on the broken side, in the words verify uses. */
  readonly counterexample?: readonly string[];
}

/** Between consecutive tags both read: each property and path whose verdict changed. */
function changesOf(runs: readonly TagRun[]): Change[] {
  const out: Change[] = [];
  const read = runs.filter((r) => r.subject !== undefined);
  for (let i = 1; i < read.length; i++) {
    const before = read[i - 1] as TagRun;
    const after = read[i] as TagRun;
    const old = new Map(before.results.map((r) => [placeKey(r), r]));
    for (const r of after.results) {
      const o = old.get(placeKey(r));
      if (o === undefined || o.verdict === r.verdict) continue;
      const bad = r.verdict === 'violated' ? r : o;
      const side = r.verdict === 'violated' ? after : before;
      out.push({
        property: r.property,
        path: r.path,
        kind: r.verdict === 'violated' ? 'broken' : 'fixed',
        tag: after.tag,
        previous: before.tag,
        ...(side.subject === undefined ? {} : { counterexample: violationLines(side.subject, bad) }),
      });
    }
  }
  return out;
}

function historyText(dir: string, runs: readonly TagRun[], changes: readonly Change[]): string {
  const out = [`tifcheck history: ${dir}, ${runs.length} release tag${runs.length === 1 ? '' : 's'}`, ''];
  for (const r of runs) {
    if (r.subject === undefined) {
      out.push(`  ${r.tag.padEnd(10)} not read: ${r.error}`);
      continue;
    }
    const bad = r.results.filter((x) => x.verdict === 'violated' && SEVERITY[x.property] === 'bug');
    out.push(
      `  ${r.tag.padEnd(10)} control flow of ${r.subject.pathsFrom}: ${bad.length === 0 ? 'no bug-class property violated' : `violated ${bad.map((x) => `${x.property} on ${x.path ?? 'masks'}`).join(', ')}`}`,
    );
  }
  out.push('', changes.length === 0 ? 'no verdict changes between the tags' : 'verdict changes:');
  for (const c of changes) {
    out.push(
      `  ${c.kind === 'broken' ? 'BROKEN' : 'fixed '} in ${c.tag} (after ${c.previous}): ${c.property} (${SEVERITY[c.property as keyof typeof SEVERITY]}) on ${c.path ?? 'masks'}`,
    );
    for (const l of c.counterexample ?? []) out.push(`    ${l}`);
  }
  return `${out.join('\n')}\n`;
}

function historyJson(dir: string, runs: readonly TagRun[], changes: readonly Change[]): unknown {
  return {
    schema: HISTORY_SCHEMA,
    tree: dir,
    tags: runs.map((r) => ({
      tag: r.tag,
      ...(r.subject === undefined
        ? { error: r.error }
        : {
            pathsFrom: r.subject.pathsFrom,
            violated: r.results
              .filter((x) => x.verdict === 'violated')
              .map((x) => ({ property: x.property, severity: SEVERITY[x.property], path: x.path })),
          }),
    })),
    changes,
  };
}
