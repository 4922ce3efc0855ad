#!/usr/bin/env node
// The command-line entry: the compiled CLI lives in dist/ (built by `npm run build`).
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const entry = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'src', 'cli', 'run.js');
if (!existsSync(entry)) {
  process.stderr.write('tifcheck: not built yet; run `npm run build` first\n');
  process.exit(2);
}
await import(entry);
