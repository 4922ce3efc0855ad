import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { suggestFixes } from '../src/check/fixes.js';
import { DEFAULT_OPTIONS } from '../src/check/verify.js';
import { main } from '../src/cli/main.js';
import { nodeIo } from '../src/cli/nodeIo.js';
import { memoryIo } from '../src/cli/testing/memoryIo.js';
import { VERSION } from '../src/cli/version.js';
import { KERNEL_IDS } from '../src/kernels/kernelId.js';
import type { CounterexampleDoc } from '../src/report/counterexampleDoc.js';
import { counterexampleMarkdown } from '../src/report/counterexampleMarkdown.js';
import { counterexampleDocs, pinnedPath, sourceInfo } from '../src/report/reports.js';
import { FULL_TIER, sampleOf } from '../src/testing/tier.js';
import { verifyKernel } from '../src/testing/verifyKernel.js';
import { EXPECTED_VERDICTS } from './expectedVerdicts.js';
import { explanationFor } from './pinNotes.js';
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
        if (r.path !== null && PROPERTIES[r.property].kind === 'path')
          expect(r.coverage.initialStates).toBe(roots);
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

/**
 * The fix each pinned report carries: searched again in the full tier (about a minute and a half
 * for every kernel), taken from the stored report in the quick one, whose byte-for-byte check then
 * covers everything else.
 */
function withStoredFixes(doc: CounterexampleDoc, json: string): CounterexampleDoc {
  let stored: CounterexampleDoc | undefined;
  try {
    stored = JSON.parse(readFileSync(json, 'utf8')) as CounterexampleDoc;
  } catch {
    return doc;
  }
  return {
    ...doc,
    violations: doc.violations.map((v) => {
      const s = stored?.violations.find((x) => x.path === v.path);
      return {
        ...v,
        ...(s?.fixes === undefined ? {} : { fixes: s.fixes }),
        ...(s?.noFix === undefined ? {} : { noFix: s.noFix }),
      };
    }),
  };
}

function expectedFiles(): Map<string, string> {
  const files = new Map<string, string>();
  for (const id of KERNEL_IDS) {
    const { subject, results } = verifyKernel(id);
    const fixes = FULL_TIER
      ? suggestFixes(subject, results, Object.values(PROPERTIES), DEFAULT_OPTIONS)
      : undefined;
    for (const fresh of counterexampleDocs(
      subject,
      results,
      PROPERTIES,
      sourceInfo(subject, false, `tifcheck ${VERSION}`),
      seedNotesFor,
      { explanationFor, ...(fixes === undefined ? {} : { fixes }) },
    )) {
      const json = pinnedPath(DIR, fresh, 'json');
      const doc = fixes === undefined ? withStoredFixes(fresh, json) : fresh;
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

  // Every pin is found again byte for byte above, by the code replay runs; replaying it through the
  // command line (reading and checking the stored file) takes about 18 s for all of them, so the
  // quick tier replays a seeded sample of 12 and the full tier every one.
  const reports = [...expected.keys()].filter((p) => p.endsWith('.json'));
  for (const path of FULL_TIER ? reports : sampleOf(reports, 8, 'pinned replays')) {
    it(`should replay ${path} exactly`, () => {
      const cap = memoryIo();
      const io = { ...cap.io, readFile: nodeIo.readFile, fileExists: nodeIo.fileExists };
      expect(main(['replay', path], io)).toBe(0);
      expect(cap.out()).toContain('reproduces exactly');
    });
  }
});
