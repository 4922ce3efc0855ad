import type { Result } from '../../flags/errors.js';
import { masksJson, masksText } from '../../report/masksReport.js';
import { flagOption, parseOptions, stringOption } from '../args.js';
import { EXIT, type ExitCode } from '../exitCodes.js';
import type { Io } from '../io.js';
import { loadMaskView } from '../source.js';

/** `tifcheck masks (--kernel ID | --header FILE) [--json]`. */
export function masksCommand(args: readonly string[], io: Io): Result<ExitCode> {
  const p = parseOptions('masks', args, {
    kernel: { type: 'string' },
    header: { type: 'string' },
    json: { type: 'boolean' },
  });
  if (!p.ok) return p;
  const view = loadMaskView(io, stringOption(p.value, 'kernel'), stringOption(p.value, 'header'), 'masks');
  if (!view.ok) return view;
  io.stdout(
    flagOption(p.value, 'json')
      ? `${JSON.stringify(masksJson(view.value), null, 2)}\n`
      : masksText(view.value),
  );
  return { ok: true, value: EXIT.ok };
}
