import { err, inputError, ok } from '../../flags/errors.js';
import type { Io } from '../io.js';

export interface Captured {
  readonly io: Io;
  readonly out: () => string;
  readonly errText: () => string;
}

/** An Io over an in-memory file system; stdout and stderr are captured. */
export function memoryIo(files: Readonly<Record<string, string>> = {}, isTTY = false): Captured {
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
    isTTY,
  };
  return { io, out: () => out, errText: () => errText };
}
