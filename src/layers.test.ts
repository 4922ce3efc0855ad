import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * DESIGN.md's layers, one way: flags -> kernels -> model -> check -> (properties, report) -> cli
 * -> api (the library).
 * A file may import its own layer and the layers it is allowed to see, nothing above.
 */
const ALLOWED: Record<string, readonly string[]> = {
  'src/flags': [],
  'src/kernels': ['src/flags'],
  'src/model': ['src/flags', 'src/kernels'],
  'src/check': ['src/flags', 'src/kernels', 'src/model'],
  properties: ['src/flags', 'src/kernels', 'src/model', 'src/check'],
  'src/report': ['src/flags', 'src/kernels', 'src/model', 'src/check'],
  'src/cli': ['src/flags', 'src/kernels', 'src/model', 'src/check', 'src/report', 'properties'],
  // The library (src/index.ts exports it) sits on top: it loads models as the CLI does.
  'src/api': ['src/flags', 'src/kernels', 'src/model', 'src/check', 'src/report', 'properties', 'src/cli'],
};

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory()
      ? files(p)
      : p.endsWith('.ts') && !p.endsWith('.test.ts') && !p.includes('/testing/')
        ? [p]
        : [];
  });
}

function layerOf(path: string): string | undefined {
  return Object.keys(ALLOWED).find((l) => path === l || path.startsWith(`${l}/`));
}

describe('layers', () => {
  for (const layer of Object.keys(ALLOWED)) {
    it(`should keep ${layer} from importing any layer above it`, () => {
      const bad: string[] = [];
      for (const file of files(layer)) {
        for (const m of readFileSync(file, 'utf8').matchAll(/from '(\.[^']+)'/g)) {
          const target = join(file, '..', m[1] ?? '').replace(/\\/g, '/');
          const to = layerOf(target);
          if (to !== undefined && to !== layer && !(ALLOWED[layer] ?? []).includes(to))
            bad.push(`${file} imports ${target}`);
        }
      }
      expect(bad).toEqual([]);
    });
  }

  it('should keep console and process out of everything below the CLI', () => {
    const bad = Object.keys(ALLOWED)
      .filter((l) => l !== 'src/cli')
      .flatMap(files)
      .filter((f) =>
        /\bconsole\.|\bprocess\.(env|exit|argv|stdout|stderr|cwd|exitCode)\b/.test(readFileSync(f, 'utf8')),
      );
    expect(bad).toEqual([]);
  });
});
