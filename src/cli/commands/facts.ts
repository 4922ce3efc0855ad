import type { Result } from '../../flags/errors.js';
import { err, inputError } from '../../flags/errors.js';
import { kernelFacts } from '../../kernels/facts.js';
import { getKernel } from '../../kernels/registry.js';
import { factsJson, factsText } from '../../report/factsReport.js';
import { flagOption, parseOptions, stringOption } from '../args.js';
import { EXIT, type ExitCode } from '../exitCodes.js';
import type { Io } from '../io.js';
import { kernelId } from '../options.js';

export const SPEC = { kernel: { type: 'string' }, json: { type: 'boolean' } } as const;
/** `tifcheck facts --kernel ID [--json]`: every fact the model uses for a kernel, and its source. */
export function factsCommand(args: readonly string[], io: Io): Result<ExitCode> {
  const p = parseOptions('facts', args, SPEC);
  if (!p.ok) return p;
  const text = stringOption(p.value, 'kernel');
  if (text === undefined) return err(inputError('bad-argument', 'facts: give --kernel ID'));
  const id = kernelId('--kernel', text);
  if (!id.ok) return id;
  const k = getKernel(id.value);
  const facts = kernelFacts(k);
  io.stdout(
    flagOption(p.value, 'json') ? `${JSON.stringify(factsJson(k, facts), null, 2)}\n` : factsText(k, facts),
  );
  return { ok: true, value: EXIT.ok };
}
