import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * The package as a user gets it: `npm pack` (of the dist the global setup built), installed with
 * npm into a project of its own, then used there: its example test run by vitest against the
 * installed copy, its types checked by tsc, its command run with --properties. What is tested
 * is the published shape (exports, declarations, files), not this repository's sources.
 */
const repo = process.cwd();
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
let dir = '';
let project = '';

function sh(cmd: string, args: readonly string[], cwd: string): { code: number; out: string } {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status ?? -1, out: `${r.stdout ?? ''}${r.stderr ?? ''}` };
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'tifcheck-packed-'));
  project = join(dir, 'project');
  mkdirSync(project);
  execFileSync(npm, ['pack', '--ignore-scripts', '--silent', '--pack-destination', dir], { cwd: repo });
  const tarball = readdirSync(dir).find((f) => f.endsWith('.tgz'));
  if (tarball === undefined) throw new Error(`npm pack left no tarball in ${dir}`);
  writeFileSync(
    join(project, 'package.json'),
    `${JSON.stringify({ name: 'tifcheck-user', private: true, type: 'module' }, null, 2)}\n`,
  );
  // The dependencies come from npm's cache, which `npm ci` filled; the network only if it must.
  const args = ['install', '--no-audit', '--no-fund', '--ignore-scripts', join(dir, tarball)];
  let r = sh(npm, [...args, '--offline'], project);
  if (r.code !== 0) r = sh(npm, [...args, '--prefer-offline'], project);
  if (r.code !== 0) throw new Error(`npm install of the packed tifcheck failed:\n${r.out}`);
  // The user's own test tools; the runner is this repository's, so its copies are linked.
  mkdirSync(join(project, 'node_modules', '@fast-check'), { recursive: true });
  symlinkSync(join(repo, 'node_modules', 'vitest'), join(project, 'node_modules', 'vitest'), 'dir');
  symlinkSync(
    join(repo, 'node_modules', '@fast-check', 'vitest'),
    join(project, 'node_modules', '@fast-check', 'vitest'),
    'dir',
  );
  // The example, as the package ships it.
  cpSync(join(project, 'node_modules', 'tifcheck', 'examples'), join(project, 'examples'), {
    recursive: true,
  });
}, 600_000);

afterAll(() => {
  if (dir !== '') rmSync(dir, { recursive: true, force: true });
});

describe('the packed package, installed into a project of its own', () => {
  it('should pass its example property test, run by vitest in that project', () => {
    const vitest = join(repo, 'node_modules', 'vitest', 'vitest.mjs');
    const r = sh(
      process.execPath,
      [vitest, 'run', '--reporter', 'verbose', '--root', project, 'examples'],
      project,
    );
    expect(r.out).toMatch(/holds on the exits of v6\.14/);
    expect(r.out).toMatch(/is broken when the exit loop stops testing NEED_RESCHED/);
    expect(r.out).toMatch(/holds on runs drawn by fast-check/);
    expect(r.out).toMatch(/Tests\s+3 passed/);
    expect(r.code, r.out).toBe(0);
  });

  it('should type-check the example against the declarations it installed', () => {
    writeFileSync(
      join(project, 'tsconfig.json'),
      `${JSON.stringify(
        {
          compilerOptions: {
            target: 'ES2022',
            module: 'NodeNext',
            moduleResolution: 'NodeNext',
            strict: true,
            noEmit: true,
            allowJs: true,
            skipLibCheck: true,
            types: [],
          },
          include: ['examples'],
        },
        null,
        2,
      )}\n`,
    );
    const tsc = join(repo, 'node_modules', 'typescript', 'bin', 'tsc');
    const ok = sh(process.execPath, [tsc, '-p', project], project);
    expect(ok.out).toBe('');
    expect(ok.code).toBe(0);
    // The types are real: a wrong field is an error.
    writeFileSync(
      join(project, 'examples', 'wrong.ts'),
      "import { defineProperty } from 'tifcheck';\nexport const p = defineProperty({ id: 'x', statement: 's', cite: 'c', severity: 'fatal' });\n",
    );
    const bad = sh(process.execPath, [tsc, '-p', project], project);
    rmSync(join(project, 'examples', 'wrong.ts'));
    expect(bad.out).toMatch(/wrong\.ts.*severity|"fatal"/s);
    expect(bad.code).not.toBe(0);
  });

  it("should check the example's properties by its command, verify --properties", () => {
    const bin = join(project, 'node_modules', '.bin', 'tifcheck');
    const args = ['verify', '--kernel', 'v6.14', '--path', 'interrupt-exit', '--no-fixes', '--jobs', '1'];
    const file = join('examples', 'properties.mjs');
    const holds = sh(bin, [...args, '--properties', file], project);
    expect(holds.out).toContain('no-resched-at-return (bug): holds on interrupt-exit');
    expect(holds.code, holds.out).toBe(0);
    const broken = sh(
      bin,
      [...args, '--edit', 'EXIT_TO_USER_MODE_WORK-=NEED_RESCHED', '--properties', file],
      project,
    );
    expect(broken.out).toContain('no-resched-at-return (bug): VIOLATED on interrupt-exit');
    expect(broken.code, broken.out).toBe(1);
  });
});
