import { readFileSync, statSync } from 'node:fs';
import { err, inputError, ok, type Result } from '../flags/errors.js';
import type { Io } from './io.js';

// A thread_info.h is a few tens of kilobytes; anything this large is not one.
const MAX_INPUT_BYTES = 8 * 1024 * 1024;

const REASONS: Record<string, string> = {
  ENOENT: 'no such file',
  EACCES: 'permission denied',
  EISDIR: 'is a directory, not a file',
  ENOTDIR: 'a part of the path is not a directory',
  ELOOP: 'too many symbolic links',
};

export function readTextFile(path: string): Result<string> {
  const where = { kind: 'file', file: path } as const;
  try {
    const st = statSync(path);
    if (st.isDirectory())
      return err(inputError('unreadable-file', REASONS.EISDIR ?? 'is a directory', where));
    if (st.size > MAX_INPUT_BYTES)
      return err(inputError('unreadable-file', `file is ${st.size} bytes, too large to read`, where));
    return ok(readFileSync(path, 'utf8'));
  } catch (e) {
    const code = (e as { code?: string }).code ?? '';
    return err(
      inputError('unreadable-file', `cannot read: ${REASONS[code] ?? code ?? 'unknown error'}`, where),
    );
  }
}

export const nodeIo: Io = {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
  readFile: readTextFile,
  isTTY: process.stdout.isTTY === true,
};
