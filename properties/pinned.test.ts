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
import { PROPERTIES } from './registry.js';
import { seedNotesFor } from './seedNotes.js';

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
