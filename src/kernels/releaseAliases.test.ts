import { describe, expect, it } from 'vitest';
import { main } from '../cli/main.js';
import { memoryIo } from '../cli/testing/memoryIo.js';
import { kernelFacts } from './facts.js';
import { getKernel } from './registry.js';
import { RELEASE_ALIAS_NAMES, releaseAlias } from './releaseAliases.js';
import { TREES } from './trees.js';

const cli = (...argv: string[]) => {
  const cap = memoryIo({});
  const code = main(argv, { ...cap.io, columns: 1000 });
  return { code, out: cap.out(), err: cap.errText() };
};

const COMPARED: Record<string, string> = { 'v6.18.2': 'v6.18', 'v7.1.5': 'v7.1' };

describe('release names', () => {
  it("should resolve a release only to the kernel whose facts were read in that release's tree", () => {
    expect(RELEASE_ALIAS_NAMES.length).toBeGreaterThanOrEqual(15);
    for (const name of RELEASE_ALIAS_NAMES) {
      const a = releaseAlias(name);
      if (a === undefined) throw new Error(name);
      // A later stable release compared with its era names its own tree and what differs.
      if (COMPARED[name] !== undefined) {
        expect(a.era).toBe(COMPARED[name]);
        expect(a.note).toMatch(
          new RegExp(`^${name.replace(/\./g, '\\.')}: modelled as ${a.era}: .* has the same files but `),
        );
        continue;
      }
      const counts = new Map<string, number>();
      for (const f of kernelFacts(getKernel(a.era)))
        if (f.cite.at !== undefined) counts.set(f.cite.at.tree, (counts.get(f.cite.at.tree) ?? 0) + 1);
      const [most] = [...counts].sort((x, y) => y[1] - x[1]);
      const tree = TREES[most?.[0] as keyof typeof TREES];
      // The tree the era reads most is the release named, at that sublevel (X.Y is SUBLEVEL 0).
      const release = /^\d+\.\d+$/.test(tree.release) ? `${tree.release}.0` : tree.release;
      expect(`v${release}`, name).toBe(name);
      expect(a.note).toContain(`modelled as ${a.era}`);
    }
  });

  it('should check a release by its name and say in the output which model stands for it', () => {
    const byRelease = cli(
      'verify',
      '--kernel',
      'v3.14.1',
      '--path',
      'interrupt-exit',
      '--no-fixes',
      '--jobs',
      '1',
    );
    const byEra = cli('verify', '--kernel', 'v3.14', '--path', 'interrupt-exit', '--no-fixes', '--jobs', '1');
    expect(byRelease.code).toBe(byEra.code);
    expect(byRelease.out).toContain(
      "note: v3.14.1: modelled as v3.14, whose facts were read in 3.14.1's own tree",
    );
    expect(byRelease.out.replace(/^note: v3\.14\.1: .*\n/m, '')).toBe(byEra.out);
    const masks = cli('masks', '--kernel', 'v7.1.3');
    expect(masks.out).toContain('note: v7.1.3: modelled as v7.1');
    expect(masks.code).toBe(0);
  });

  it('should refuse a release no tree was read for, naming the modelled ones around it', () => {
    for (const [name, nearest] of [
      ['v6.8', '(nearest: v5.11, v6.14); check its tree with --tree DIR'],
      ['v3.14.2', '(nearest: v3.14, v3.16; read: v3.14.1); check its tree with --tree DIR'],
      ['v2.6.32', '(nearest: v3.6); older than every modelled release'],
    ] as const) {
      const r = cli('verify', '--kernel', name);
      expect(r.code).toBe(2);
      expect(r.out).toBe('');
      expect(r.err.trim()).toBe(`tifcheck: argument '--kernel ${name}': ${name} is not modelled ${nearest}`);
    }
  });
});
