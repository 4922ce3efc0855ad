import { execFileSync } from 'node:child_process';
import {
  closeSync,
  constants,
  existsSync,
  fstatSync,
  mkdirSync,
  openSync,
  readSync,
  renameSync,
  rmSync,
  type Stats,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
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
  EEXIST: 'a file is in the way',
  EROFS: 'a read-only file system',
  EPERM: 'operation not permitted',
  ENOSPC: 'no space left on the device',
};

/** What a path is when it is not a regular file, for the error that refuses it. */
function kindOf(st: Stats): string {
  if (st.isDirectory()) return 'a directory';
  if (st.isFIFO()) return 'a FIFO';
  if (st.isCharacterDevice()) return 'a character device';
  if (st.isBlockDevice()) return 'a block device';
  if (st.isSocket()) return 'a socket';
  return 'not a regular file';
}

/**
 * A regular file's text, read with the size limit enforced while reading: a device, FIFO or socket
 * is refused before it is opened (opening a FIFO blocks; /dev/zero never ends, and stat says 0
 * bytes for both), and a file that grows past the limit while it is read is refused too.
 */
export function readTextFile(path: string): Result<string> {
  const where = { kind: 'file', file: path } as const;
  let fd: number | undefined;
  try {
    const st = statSync(path);
    if (!st.isFile())
      return err(inputError('unreadable-file', `cannot read: ${kindOf(st)}, not a file`, where));
    if (st.size > MAX_INPUT_BYTES)
      return err(inputError('unreadable-file', `file is ${st.size} bytes, too large to read`, where));
    // O_NONBLOCK: if the path was swapped for a FIFO since the stat, opening it does not wait.
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
    if (!fstatSync(fd).isFile())
      return err(inputError('unreadable-file', 'cannot read: not a regular file', where));
    const chunks: Buffer[] = [];
    let total = 0;
    const buf = Buffer.alloc(64 * 1024);
    for (;;) {
      const n = readSync(fd, buf, 0, buf.length, null);
      if (n === 0) break;
      total += n;
      if (total > MAX_INPUT_BYTES)
        return err(
          inputError('unreadable-file', `file is over ${MAX_INPUT_BYTES} bytes, too large to read`, where),
        );
      chunks.push(Buffer.from(buf.subarray(0, n)));
    }
    return ok(Buffer.concat(chunks, total).toString('utf8'));
  } catch (e) {
    const code = (e as { code?: string }).code ?? '';
    return err(
      inputError('unreadable-file', `cannot read: ${REASONS[code] ?? code ?? 'unknown error'}`, where),
    );
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * Creates the directories of a path one by one. mkdirSync's own recursion spins for ever under
 * /proc on some kernels, and a component that is a file must be named, not thrown.
 */
function makeDirectories(dir: string): void {
  const missing: string[] = [];
  let d = resolve(dir);
  while (!existsSync(d)) {
    missing.unshift(d);
    const up = dirname(d);
    if (up === d) break;
    d = up;
  }
  if (existsSync(d) && !statSync(d).isDirectory()) throw Object.assign(new Error(d), { code: 'ENOTDIR' });
  for (const m of missing) mkdirSync(m);
}

export function writeTextFileAtomic(path: string, text: string): Result<void> {
  const tmp = `${path}.tifcheck-tmp-${process.pid}`;
  const where = { kind: 'file', file: path } as const;
  try {
    if (existsSync(path) && !statSync(path).isFile())
      return err(inputError('unwritable-file', 'cannot write: it is not a regular file', where));
    makeDirectories(dirname(path));
    writeFileSync(tmp, text);
    renameSync(tmp, path);
    return ok(undefined);
  } catch (e) {
    try {
      rmSync(tmp, { force: true });
    } catch {
      // Nothing was written where the temporary file would be.
    }
    const code = (e as { code?: string }).code ?? '';
    return err(inputError('unwritable-file', `cannot write: ${REASONS[code] ?? code}`, where));
  }
}

/**
 * Refuses an --out that cannot hold reports before any work is done: empty (it would mean the
 * current directory's root, written as "/kernel/..."), a file or a path through one, or a kernel
 * pseudo-file system, where writes fail or never end.
 */
export function outputDirectory(path: string): Result<void> {
  const where = { kind: 'argument', argument: `--out ${path === '' ? "''" : path}` } as const;
  if (path.trim() === '') return err(inputError('bad-argument', '--out needs a directory name', where));
  const full = resolve(path);
  if (/^\/(proc|sys|dev)(\/|$)/.test(full))
    return err(inputError('bad-argument', `--out under /${full.split('/')[1]} cannot hold reports`, where));
  let d = full;
  while (!existsSync(d)) {
    const up = dirname(d);
    if (up === d) break;
    d = up;
  }
  try {
    if (!statSync(d).isDirectory()) return err(inputError('bad-argument', `${d} is not a directory`, where));
  } catch (e) {
    const code = (e as { code?: string }).code ?? '';
    return err(inputError('bad-argument', `cannot use ${d}: ${REASONS[code] ?? code}`, where));
  }
  return ok(undefined);
}

/** git, with its output bounded and its errors said in one line. */
function git(dir: string, args: readonly string[]): Result<string> {
  try {
    return ok(
      execFileSync('git', ['-C', dir, ...args], {
        encoding: 'utf8',
        maxBuffer: MAX_INPUT_BYTES,
        stdio: ['ignore', 'pipe', 'pipe'],
        timeout: 60_000,
      }),
    );
  } catch (e) {
    const stderr =
      String((e as { stderr?: unknown }).stderr ?? '')
        .trim()
        .split('\n')[0] ?? '';
    const code = (e as { code?: string }).code;
    const why =
      code === 'ENOENT' ? 'git is not installed' : stderr || (e instanceof Error ? e.message : String(e));
    return err(inputError('unreadable-file', `git: ${why}`, { kind: 'file', file: dir }));
  }
}

export function gitShow(dir: string, rev: string, path: string): Result<string | undefined> {
  // Is it there? `git cat-file -e` says so without reading it.
  const exists = git(dir, ['cat-file', '-e', `${rev}:${path}`]);
  if (!exists.ok) {
    const revOk = git(dir, ['rev-parse', '--verify', '--quiet', `${rev}^{commit}`]);
    if (!revOk.ok || revOk.value.trim() === '')
      return err(
        inputError('unreadable-file', `no revision ${rev} in this repository`, { kind: 'file', file: dir }),
      );
    return ok(undefined);
  }
  return git(dir, ['show', `${rev}:${path}`]);
}

export function gitTags(dir: string): Result<string[]> {
  const r = git(dir, ['tag', '--list']);
  return r.ok ? ok(r.value.split('\n').filter((t) => t !== '')) : r;
}

/**
 * A module by require(), which loads an ES module synchronously (Node 20.19+, without top-level
 * await), so that the CLI stays synchronous. The path is the user's, relative to the working
 * directory.
 */
export function loadModule(path: string): Result<Record<string, unknown>> {
  const where = { kind: 'file', file: path } as const;
  const full = resolve(path);
  if (!existsSync(full)) return err(inputError('unreadable-file', 'cannot read: no such file', where));
  try {
    const m: unknown = createRequire(full)(full);
    if (typeof m !== 'object' || m === null)
      return err(inputError('bad-property', 'the module exports nothing', where));
    return ok(m as Record<string, unknown>);
  } catch (e) {
    const first = (e instanceof Error ? e.message : String(e)).split('\n')[0] ?? '';
    return err(inputError('bad-property', `the module failed to load: ${first}`, where));
  }
}

export const nodeIo: Io = {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
  readFile: readTextFile,
  writeFileAtomic: writeTextFileAtomic,
  fileExists: (p) => existsSync(p),
  outputDirectory,
  gitShow,
  gitTags,
  loadModule,
  isTTY: process.stderr.isTTY === true,
  ...(process.stderr.columns === undefined ? {} : { columns: process.stderr.columns }),
};
