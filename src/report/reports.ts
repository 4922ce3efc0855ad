import type { FixSearch } from '../check/fixes.js';
import type { Property } from '../check/property.js';
import type { PropertyId } from '../check/propertyId.js';
import { type CheckResult, placeKey } from '../check/result.js';
import type { Subject } from '../check/subject.js';
import { kernelFacts } from '../kernels/facts.js';
import { getKernel } from '../kernels/registry.js';
import { TREES, treeRef } from '../kernels/trees.js';
import {
  type CounterexampleDoc,
  counterexampleDocument,
  type SourceInfo,
  violationDocOf,
} from './counterexampleDoc.js';
import { fixFields } from './fixDoc.js';

export function sourceInfo(subject: Subject, raw: boolean, tool: string, events?: 'none'): SourceInfo {
  const base = {
    kernel: subject.kernel,
    pathsFrom: subject.pathsFrom,
    edits: subject.edits,
    raw,
    tool,
    ...(subject.flagWork === undefined ? {} : { flagWork: subject.flagWork }),
    ...(subject.fred === true ? { fred: true as const } : {}),
    ...(subject.tree === undefined ? {} : { tree: subject.tree }),
    ...(subject.header === undefined ? {} : { header: subject.header }),
  };
  return events === undefined ? base : { ...base, events };
}

/** What a report adds to the counterexamples: notes, a pinned kernel's explanation, the fix search. */
export interface DocExtras {
  readonly explanationFor?: (kernel: string, property: PropertyId) => readonly string[] | undefined;
  readonly fixes?: readonly FixSearch[];
}

/**
 * The trees the subject's facts were read in, as `release: repo@commit`; for a header, the header
 * first and then its control-flow kernel's trees.
 */
export function readInOf(subject: Subject): string[] {
  const k = getKernel(subject.pathsFrom);
  const trees = [
    ...new Set(kernelFacts(k).flatMap((f) => (f.cite.at === undefined ? [] : [f.cite.at.tree]))),
  ].map((id) => `${TREES[id].release}: ${treeRef(id)}`);
  return subject.kernel === subject.pathsFrom
    ? trees
    : [`${subject.kernel}: the flags and masks`, ...trees.map((t) => `${t} (control flow of ${k.id})`)];
}

/** One document per violated property, with every path where it fails. */
export function counterexampleDocs(
  subject: Subject,
  results: readonly CheckResult[],
  properties: Readonly<Record<PropertyId, Property>>,
  source: SourceInfo,
  notesFor: (kernel: string, property: PropertyId) => readonly string[],
  extras: DocExtras = {},
): CounterexampleDoc[] {
  const byProperty = new Map<PropertyId, CheckResult[]>();
  for (const r of results) {
    if (r.verdict !== 'violated') continue;
    byProperty.set(r.property, [...(byProperty.get(r.property) ?? []), r]);
  }
  return [...byProperty].map(([id, rs]) =>
    counterexampleDocument(
      source,
      properties[id],
      rs.map((r) => {
        const f = extras.fixes?.find((x) => placeKey(x.target) === placeKey(r));
        return { ...violationDocOf(subject.input, r), ...fixFields(subject, f, r) };
      }),
      notesFor(subject.kernel, id),
      {
        readIn: readInOf(subject),
        ...explanationOf(subject, id, extras),
      },
    ),
  );
}

/**
 * Whether a subject is a built-in kernel as pinned: no edits, no header or tree, not on FRED. A
 * pinned kernel's explanation applies to it only so.
 */
export const asPinned = (s: Subject): boolean =>
  s.edits.length === 0 && s.kernel === s.pathsFrom && s.fred !== true;

function explanationOf(
  subject: Subject,
  id: PropertyId,
  extras: DocExtras,
): { explanation?: readonly string[] } {
  if (!asPinned(subject)) return {};
  const e = extras.explanationFor?.(subject.kernel, id);
  return e === undefined ? {} : { explanation: e };
}

/** Pinned reports live at counterexamples/<kernel-id>/<property-id>.{json,md}. */
export function pinnedPath(dir: string, doc: CounterexampleDoc, ext: 'json' | 'md'): string {
  const kernel = doc.kernel.replace(/[^A-Za-z0-9._-]/g, '_');
  return `${dir.replace(/\/$/, '')}/${kernel}/${doc.property}.${ext}`;
}
