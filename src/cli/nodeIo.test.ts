import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { outputDirectory, readTextFile } from './nodeIo.js';
import { runOnDisk } from './testing/runOnDisk.js';

const dir = mkdtempSync(join(tmpdir(), 'tifcheck-io-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const run = runOnDisk;

/**
 * Issue 18, items 1 and 4: a file that is not a regular file is refused before it is opened (a FIFO
 * blocks, /dev/zero never ends), and --out never writes outside a directory it can use.
 */
describe('reading and writing real files', () => {
  it('should refuse a FIFO and a device without opening them', () => {
    const fifo = join(dir, 'fifo.h');
    execFileSync('mkfifo', [fifo]);
    const r = readTextFile(fifo);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toBe('cannot read: a FIFO, not a file');
    const zero = run('masks', '--header', '/dev/zero');
    expect(zero.code).toBe(2);
    expect(zero.err).toBe('tifcheck: /dev/zero: cannot read: a character device, not a file\n');
    const d = run('masks', '--header', dir);
    expect(d.err).toContain('cannot read: a directory, not a file');
    // The same through a stored report whose header is a device.
    const report = join(dir, 'device.json');
    const doc = JSON.parse(readFileSync('counterexamples/v3.13/exit-terminates.json', 'utf8'));
    writeFileSync(report, JSON.stringify({ ...doc, kernel: '/dev/zero', pathsFrom: 'v3.13' }));
    const replay = run('replay', report);
    expect(replay.code).toBe(2);
    expect(replay.err).toBe(
      `tifcheck: ${report}: its header /dev/zero: cannot read: a character device, not a file\n`,
    );
  });

  it('should refuse an --out that is empty, a file, a path through a file or under /proc', () => {
    const file = join(dir, 'plain');
    writeFileSync(file, 'x');
    const cases: [string, string][] = [
      ['', '--out needs a directory name'],
      [file, `${file} is not a directory`],
      [join(file, 'reports'), `${file} is not a directory`],
      ['/proc/tifcheck', '--out under /proc cannot hold reports'],
    ];
    for (const [out, message] of cases) {
      const r = outputDirectory(out);
      expect(r.ok, out).toBe(false);
      if (!r.ok) expect(r.error.message).toBe(message);
    }
    const r = run('verify', '--kernel', 'v3.13', '--path', 'interrupt-exit', '--out', file);
    expect(r.code).toBe(2);
    expect(r.err).not.toContain('internal error');
  });

  it('should say so when a report would replace a directory, and write nothing else', () => {
    const out = join(dir, 'out');
    mkdirSync(join(out, 'v3.13', 'exit-work-delivered.json'), { recursive: true });
    const r = run('verify', '--kernel', 'v3.13', '--path', 'interrupt-exit', '--no-fixes', '--out', out);
    expect(r.code).toBe(2);
    expect(r.err).toContain('exit-work-delivered.json: cannot read: a directory, not a file');
    expect(readdirSync(join(out, 'v3.13')).filter((f) => f.includes('tifcheck-tmp'))).toEqual([]);
  });
});
