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
  /** Modules by path, as `loadModule` returns them (verify --properties). */
  modules: Readonly<Record<string, Record<string, unknown>>> = {},
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
    // A revision of a repository in memory: its files under `DIR@REV/`, its tags `DIR@TAG/` prefixes.
    gitShow: (dir, rev, path) => {
      const key = `${dir}@${rev}/${path}`;
      if (key in files) return ok(files[key] as string);
      const known = Object.keys(files).some((f) => f.startsWith(`${dir}@${rev}/`));
      return known
        ? ok(undefined)
        : err(
            inputError('unreadable-file', `no revision ${rev} in this repository`, {
              kind: 'file',
              file: dir,
            }),
          );
    },
    gitTags: (dir) =>
      ok([
        ...new Set(
          Object.keys(files)
            .filter((f) => f.startsWith(`${dir}@`))
            .map((f) => f.slice(dir.length + 1).split('/')[0] ?? ''),
        ),
      ]),
    loadModule: (path) =>
      path in modules
        ? ok(modules[path] as Record<string, unknown>)
        : err(inputError('unreadable-file', 'cannot read: no such file', { kind: 'file', file: path })),
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
