import { PROPERTIES } from '../../../properties/registry.js';
import {
  explainRun,
  machineOf,
  parseEventList,
  parseFlagList,
  parseRoot,
  parseWorkList,
} from '../../check/explain.js';
import { err, inputError, ok, type Result } from '../../flags/errors.js';
import { makeContext } from '../../model/context.js';
import { explainJson, explainText } from '../../report/explainReport.js';
import { flagOption, parseOptions, stringOption, stringsOption } from '../args.js';
import { EXIT, type ExitCode } from '../exitCodes.js';
import type { Io } from '../io.js';
import { pathIds } from '../options.js';
import { loadSubject, treeOptions, unusedFlagWork } from '../subjectOptions.js';

export const SPEC = {
  kernel: { type: 'string' },
  header: { type: 'string' },
  paths: { type: 'string' },
  edit: { type: 'string', multiple: true },
  path: { type: 'string' },
  flags: { type: 'string' },
  events: { type: 'string' },
  syscall: { type: 'string' },
  seccomp: { type: 'string' },
  'syscall-work': { type: 'string' },
  json: { type: 'boolean' },
  'flag-work': { type: 'string', multiple: true },
  fred: { type: 'boolean' },
  tree: { type: 'string' },
  rev: { type: 'string' },
  patch: { type: 'string' },
} as const;

/** `tifcheck explain`: one traced run; exit 1 if the run breaks a property. */
export function explainCommand(args: readonly string[], io: Io): Result<ExitCode> {
  const p = parseOptions('explain', args, SPEC);
  if (!p.ok) return p;
  const v = p.value;
  const pathText = stringOption(v, 'path');
  if (pathText === undefined)
    return err(inputError('bad-argument', 'explain: give --path PATH (tifcheck list shows them)'));
  const path = pathIds([pathText]);
  if (!path.ok) return path;
  const pathId = path.value?.[0];
  if (pathId === undefined) throw new Error('a checked path id');
  const trees = treeOptions(io, stringOption(v, 'tree'), stringOption(v, 'rev'), stringOption(v, 'patch'));
  if (!trees.ok) return trees;
  const subject = loadSubject(io, 'explain', {
    kernel: stringOption(v, 'kernel'),
    header: stringOption(v, 'header'),
    paths: stringOption(v, 'paths'),
    edits: stringsOption(v, 'edit'),
    flagWork: stringsOption(v, 'flag-work'),
    fred: flagOption(v, 'fred'),
    ...trees.value,
  });
  if (!subject.ok) return subject;
  const unused = unusedFlagWork(stringsOption(v, 'flag-work'), [subject.value]);
  if (!unused.ok) return unused;
  const machine = machineOf(subject.value, pathId);
  if (!machine.ok) return machine;
  const ctx = makeContext(subject.value.input, pathId);
  const flagsText = stringOption(v, 'flags') ?? '';
  const flags = parseFlagList(ctx, flagsText, `--flags ${flagsText}`);
  if (!flags.ok) return flags;
  const eventsText = stringOption(v, 'events') ?? '';
  const events = parseEventList(ctx, eventsText, `--events ${eventsText}`);
  if (!events.ok) return events;
  const workText = stringOption(v, 'syscall-work') ?? '';
  const work = parseWorkList(ctx, workText, `--syscall-work ${workText}`);
  if (!work.ok) return work;
  const root = parseRoot(
    machine.value,
    flags.value,
    stringOption(v, 'syscall'),
    stringOption(v, 'seccomp'),
    work.value,
  );
  if (!root.ok) return root;
  const x = explainRun(subject.value, pathId, root.value, events.value, Object.values(PROPERTIES));
  if (!x.ok) return x;
  io.stdout(
    flagOption(v, 'json')
      ? `${JSON.stringify(explainJson(subject.value, x.value), null, 2)}\n`
      : explainText(subject.value, x.value, io.columns ?? 80),
  );
  return ok(x.value.broken.length > 0 ? EXIT.violated : EXIT.ok);
}
