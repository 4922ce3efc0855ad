import { err, inputError, ok } from '../../flags/errors.js';
import type { Io } from '../io.js';

export interface Captured {
  readonly io: Io;
  readonly out: () => string;
  readonly errText: () => string;
}

/** An Io over an in-memory file system; stdout and stderr are captured. */
export function memoryIo(
  initial: Readonly<Record<string, string>> = {},
  isTTY = false,
): Captured & { readonly files: Record<string, string> } {
  const files: Record<string, string> = { ...initial };
  let out = '';
  let errText = '';
  const io: Io = {
    stdout: (t) => {
      out += t;
    },
    stderr: (t) => {
      errText += t;
    },
    readFile: (path) =>
      path in files
        ? ok(files[path] as string)
        : err(inputError('unreadable-file', 'cannot read: no such file', { kind: 'file', file: path })),
    writeFileAtomic: (path, text) => {
      files[path] = text;
      return ok(undefined);
    },
    fileExists: (path) => path in files,
    outputDirectory: (path) =>
      path.trim() === ''
        ? err(
            inputError('bad-argument', '--out needs a directory name', {
              kind: 'argument',
              argument: '--out ',
            }),
          )
        : ok(undefined),
    isTTY,
  };
  return { io, out: () => out, errText: () => errText, files };
}
