import { readTree } from '../../check/treeSubject.js';
import { err, inputError, ok, type Result } from '../../flags/errors.js';
import { masksJson, masksText } from '../../report/masksReport.js';
import { type MaskView, maskViewOfTree } from '../../report/maskView.js';
import { flagOption, type Parsed, parseOptions, stringOption } from '../args.js';
import { EXIT, type ExitCode } from '../exitCodes.js';
import type { Io } from '../io.js';
import { loadMaskView } from '../source.js';
import { treeOptions } from '../subjectOptions.js';
import { treeSource } from '../treeInput.js';

export const SPEC = {
  kernel: { type: 'string' },
  header: { type: 'string' },
  tree: { type: 'string' },
  rev: { type: 'string' },
  patch: { type: 'string' },
  json: { type: 'boolean' },
} as const;

/** A tree's masks: the subject `verify --tree` would check, shown as `masks` shows a header. */
function treeView(io: Io, v: Parsed): Result<MaskView> {
  const trees = treeOptions(io, stringOption(v, 'tree'), stringOption(v, 'rev'), stringOption(v, 'patch'));
  if (!trees.ok) return trees;
  if (stringOption(v, 'kernel') !== undefined || stringOption(v, 'header') !== undefined)
    return err(
      inputError('bad-argument', 'masks: give exactly one of --kernel ID, --header FILE or --tree DIR'),
    );
  const t = trees.value;
  const source = treeSource(io, t.tree ?? '', t.rev, t.patch);
  if (!source.ok) return source;
  const h = readTree(source.value.read, source.value.origin);
  return h.ok ? ok(maskViewOfTree(h.value)) : h;
}

/** `tifcheck masks (--kernel ID | --header FILE | --tree DIR [--rev REV] [--patch FILE]) [--json]`. */
export function masksCommand(args: readonly string[], io: Io): Result<ExitCode> {
  const p = parseOptions('masks', args, SPEC);
  if (!p.ok) return p;
  const tree = stringOption(p.value, 'tree');
  const view =
    tree === undefined
      ? loadMaskView(io, stringOption(p.value, 'kernel'), stringOption(p.value, 'header'), 'masks')
      : treeView(io, p.value);
  if (!view.ok) return view;
  io.stdout(
    flagOption(p.value, 'json')
      ? `${JSON.stringify(masksJson(view.value), null, 2)}\n`
      : masksText(view.value),
  );
  return { ok: true, value: EXIT.ok };
}
