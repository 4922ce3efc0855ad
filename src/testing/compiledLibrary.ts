import { existsSync } from 'node:fs';
import { dirname, relative, resolve, sep } from 'node:path';
import type { Plugin } from 'vite';

/**
 * A Vite plugin for the test runner: an import of the library's own code (src/, properties/,
 * bench/, as `npm run build` compiles it to dist/) loads the compiled module, which vitest then
 * leaves to Node (`server.deps.external`). The tests still read as imports of the sources, and
 * type-check against them; vitest's module runner would otherwise turn every call across modules
 * into a property read through a getter, and the searches ran 60% slower under test than in the
 * CLI. Tests and test helpers (`*.test.ts`, `testing/`) are not compiled and stay with vitest.
 * vitest.config.ts builds dist/ first (testing/buildFirst.ts), so it is never stale.
 */
export function compiledLibrary(root: string): Plugin {
  const dist = resolve(root, 'dist');
  return {
    name: 'tifcheck-compiled-library',
    enforce: 'pre',
    resolveId(source, importer) {
      if (importer === undefined || !source.startsWith('.') || !source.endsWith('.js')) return null;
      const target = resolve(dirname(importer), source);
      const rel = relative(root, target);
      const [top] = rel.split(sep);
      if (top !== 'src' && top !== 'properties' && top !== 'bench') return null;
      if (rel.includes(`${sep}testing${sep}`) || rel.endsWith('.test.js')) return null;
      const compiled = resolve(dist, rel);
      return existsSync(compiled) ? compiled : null;
    },
  };
}
