import type { Property } from '../check/property.js';
import type { PropertyId } from '../check/propertyId.js';
import type { CheckResult } from '../check/result.js';
import type { Subject } from '../check/subject.js';
import { makeContext } from '../model/context.js';
import { machineFor } from '../model/machines/registry.js';
import {
  type CounterexampleDoc,
  counterexampleDocument,
  type SourceInfo,
  violationDoc,
} from './counterexampleDoc.js';

export function sourceInfo(subject: Subject, raw: boolean, tool: string, events?: 'none'): SourceInfo {
  const base = {
    kernel: subject.kernel,
    pathsFrom: subject.pathsFrom,
    edits: subject.edits,
    raw,
    tool,
    ...(subject.flagWork === undefined ? {} : { flagWork: subject.flagWork }),
  };
  return events === undefined ? base : { ...base, events };
}

/** One document per violated property, with every path where it fails. */
export function counterexampleDocs(
  subject: Subject,
  results: readonly CheckResult[],
  properties: Readonly<Record<PropertyId, Property>>,
  source: SourceInfo,
  notesFor: (kernel: string, property: PropertyId) => readonly string[],
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
        const ctx = makeContext(subject.input, r.path ?? undefined);
        const machine = r.path === null ? undefined : machineFor(subject.input.behaviour.exitModel, r.path);
        return violationDoc(ctx, machine, r);
      }),
      notesFor(subject.kernel, id),
    ),
  );
}

/** Pinned reports live at counterexamples/<kernel-id>/<property-id>.{json,md}. */
export function pinnedPath(dir: string, doc: CounterexampleDoc, ext: 'json' | 'md'): string {
  const kernel = doc.kernel.replace(/[^A-Za-z0-9._-]/g, '_');
  return `${dir.replace(/\/$/, '')}/${kernel}/${doc.property}.${ext}`;
}
