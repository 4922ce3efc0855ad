import { err, inputError, ok, type Result } from '../flags/errors.js';
import { readHeader } from '../flags/header/readHeader.js';
import { getKernel } from '../kernels/registry.js';
import { type MaskView, maskViewOfHeader, maskViewOfKernel } from '../report/maskView.js';
import type { Io } from './io.js';
import { kernelChoice } from './options.js';

/** `--kernel ID` or `--header FILE`, exactly one of them. */
export function loadMaskView(
  io: Io,
  kernel: string | undefined,
  header: string | undefined,
  command: string,
): Result<MaskView> {
  if ((kernel === undefined) === (header === undefined)) {
    return err(inputError('bad-argument', `${command}: give exactly one of --kernel ID or --header FILE`));
  }
  if (kernel !== undefined) {
    const k = kernelChoice('--kernel', kernel);
    if (!k.ok) return k;
    const view = maskViewOfKernel(getKernel(k.value.id));
    return ok(k.value.note === undefined ? view : { ...view, notes: [k.value.note, ...view.notes] });
  }
  const file = header as string;
  const text = io.readFile(file);
  if (!text.ok) return text;
  const h = readHeader(text.value, file);
  return h.ok ? ok(maskViewOfHeader(h.value)) : h;
}
