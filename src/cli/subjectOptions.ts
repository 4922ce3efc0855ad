import { headerSubject, kernelSubject, type Subject } from '../check/subject.js';
import { err, inputError, ok, type Result } from '../flags/errors.js';
import { readHeader } from '../flags/header/readHeader.js';
import { getKernel } from '../kernels/registry.js';
import type { Io } from './io.js';
import { kernelId } from './options.js';

/** `--kernel ID` or `--header FILE [--paths ID]`, with `--edit`s: the subject a command works on. */
export function loadSubject(
  io: Io,
  command: string,
  o: {
    kernel?: string | undefined;
    /** The option the kernel id came from, as an error should name it (`--kernel` by default). */
    kernelOption?: string;
    header?: string | undefined;
    paths?: string | undefined;
    edits: readonly string[];
  },
): Result<Subject> {
  if (o.kernel !== undefined && o.header !== undefined) {
    return err(inputError('bad-argument', `${command}: give --kernel ID or --header FILE, not both`));
  }
  if (o.paths !== undefined && o.header === undefined) {
    return err(
      inputError('bad-argument', '--paths chooses the control flow for a --header', {
        kind: 'argument',
        argument: `--paths ${o.paths}`,
      }),
    );
  }
  if (o.kernel !== undefined) {
    const id = kernelId(o.kernelOption ?? '--kernel', o.kernel);
    return id.ok ? kernelSubject(getKernel(id.value), o.edits) : id;
  }
  if (o.header === undefined)
    return err(inputError('bad-argument', `${command}: give --kernel ID or --header FILE`));
  const paths = o.paths === undefined ? ok(undefined) : kernelId('--paths', o.paths);
  if (!paths.ok) return paths;
  const text = io.readFile(o.header);
  if (!text.ok) return text;
  const h = readHeader(text.value, o.header);
  return h.ok ? headerSubject(h.value, paths.value, o.edits) : h;
}
