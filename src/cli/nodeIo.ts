import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
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

export function writeTextFileAtomic(path: string, text: string): Result<void> {
  const tmp = `${path}.tifcheck-tmp-${process.pid}`;
  try {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(tmp, text);
    renameSync(tmp, path);
    return ok(undefined);
  } catch (e) {
    rmSync(tmp, { force: true });
    const code = (e as { code?: string }).code ?? '';
    return err(
      inputError('unreadable-file', `cannot write: ${REASONS[code] ?? code}`, { kind: 'file', file: path }),
    );
  }
}

export const nodeIo: Io = {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
  readFile: readTextFile,
  writeFileAtomic: writeTextFileAtomic,
  fileExists: (p) => existsSync(p),
  isTTY: process.stderr.isTTY === true,
};
