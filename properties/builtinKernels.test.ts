import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.js';
import { nodeIo } from '../src/cli/nodeIo.js';
import { memoryIo } from '../src/cli/testing/memoryIo.js';
import { VERSION } from '../src/cli/version.js';
import { KERNEL_IDS } from '../src/kernels/kernelId.js';
import { counterexampleMarkdown } from '../src/report/counterexampleMarkdown.js';
import { counterexampleDocs, pinnedPath, sourceInfo } from '../src/report/reports.js';
import { verifyKernel } from '../src/testing/verifyKernel.js';
import { EXPECTED_VERDICTS } from './expectedVerdicts.js';
import { PROPERTIES } from './registry.js';
import { seedNotesFor } from './seedNotes.js';

/**
 * verify on every built-in kernel, as the CLI runs it by default: the verdict table
 * (expectedVerdicts.ts) and the pinned counterexamples. One file, so that each kernel is verified
 * once for both (src/testing/verifyKernel.ts memoizes within a test worker).
 */

describe('verify on the built-in kernels', () => {
  for (const id of KERNEL_IDS) {
    it(`should give ${id} exactly the expected verdict table`, () => {
      const { results } = verifyKernel(id);
      const actual: Record<string, Record<string, string>> = {};
      for (const r of results) {
        actual[r.property] = { ...(actual[r.property] ?? {}), [r.path ?? 'masks']: r.verdict };
      }
      expect(actual).toEqual(EXPECTED_VERDICTS[id]);
    });
  }

  it('should decide every path of the asm kernels exhaustively', () => {
    for (const id of ['v3.6', 'v3.13', 'v3.14'] as const) {
      for (const r of verifyKernel(id).results) {
        expect(r.method, `${id} ${r.property} ${r.path}`).toBe('exhaustive');
        // A whole syscall's roots: each flag set with each of the 5 syscalls, and with each of the
        // 5 seccomp outcomes where SECCOMP (always in its domain) is set.
        const n = r.coverage.domainBits;
        const roots = r.path === 'syscall' ? 2 ** (n - 1) * 5 + 2 ** (n - 1) * 25 : 2 ** n;
        if (r.path !== null && r.property !== 'mask-dead-bits') expect(r.coverage.initialStates).toBe(roots);
      }
    }
  });
});

/**
 * The pinned counterexamples (counterexamples/<kernel>/<property>.{json,md}) are regression data:
 * the checker must find exactly them again. After an intended change, regenerate them with
 * `npx tifcheck verify --out counterexamples --update` and read the diff.
 */
const DIR = 'counterexamples';

function pinnedOnDisk(): string[] {
  return readdirSync(DIR, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .flatMap((d) => readdirSync(`${DIR}/${d.name}`).map((f) => `${DIR}/${d.name}/${f}`))
    .sort();
}

function expectedFiles(): Map<string, string> {
  const files = new Map<string, string>();
  for (const id of KERNEL_IDS) {
    const { subject, results } = verifyKernel(id);
    for (const doc of counterexampleDocs(
      subject,
      results,
      PROPERTIES,
      sourceInfo(subject, false, `tifcheck ${VERSION}`),
      seedNotesFor,
    )) {
      const json = pinnedPath(DIR, doc, 'json');
      files.set(json, `${JSON.stringify(doc, null, 2)}\n`);
      files.set(pinnedPath(DIR, doc, 'md'), counterexampleMarkdown(doc, json));
    }
  }
  return files;
}

describe('pinned counterexamples', () => {
  const expected = expectedFiles();

  it('should pin exactly one JSON and one Markdown report per violated property of each kernel', () => {
    expect(pinnedOnDisk()).toEqual([...expected.keys()].sort());
  });

  for (const [path, text] of expected) {
    it(`should reproduce ${path} byte for byte`, () => {
      expect(readFileSync(path, 'utf8')).toBe(text);
    });
  }

  for (const path of [...expected.keys()].filter((p) => p.endsWith('.json'))) {
    it(`should replay ${path} exactly`, () => {
      const cap = memoryIo();
      const io = { ...cap.io, readFile: nodeIo.readFile, fileExists: nodeIo.fileExists };
      expect(main(['replay', path], io)).toBe(0);
      expect(cap.out()).toContain('reproduces exactly');
    });
  }
});
