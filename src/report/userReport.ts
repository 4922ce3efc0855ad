import type { Subject } from '../check/subject.js';
import type { UserProperty, UserResult } from '../check/userProperty.js';
import type { ModelInput } from '../model/context.js';
import { type CounterexampleJson, violationDocOf } from './counterexampleDoc.js';
import { wrap } from './counterexampleText.js';
import { fitLines } from './fit.js';
import { oneLine, reachableLine } from './violationLines.js';

/** A user property's violation as data: the same counterexample fields as a built-in one. */
function counterexampleOf(input: ModelInput, r: UserResult): { json: CounterexampleJson; trace: string[] } {
  const v = violationDocOf(input, r);
  return { json: v.counterexample, trace: [...v.traceText] };
}

/**
 * The verdicts of a user's properties (verify --properties, the library's `check`): one line per
 * property with the paths it holds on, then each violation with its input and run.
 */
export function userResultLines(
  input: ModelInput,
  props: readonly UserProperty[],
  results: readonly UserResult[],
  columns: number,
): string[] {
  const out: string[] = [];
  for (const { spec: p } of props) {
    const mine = results.filter((r) => r.property === p.id);
    const holds = mine.filter((r) => r.verdict === 'holds').map((r) => r.path ?? 'masks');
    const broken = mine.filter((r) => r.verdict === 'violated');
    const verdict =
      mine.length === 0
        ? 'applies to no path'
        : broken.length === 0
          ? `holds on ${holds.join(', ')}`
          : `VIOLATED on ${broken.map((r) => r.path ?? 'masks').join(', ')}`;
    out.push(...wrap(`${p.id} (${p.severity}): ${verdict}`, '    ', '', columns));
    out.push(...wrap(p.statement, '    ', '    ', columns));
    for (const r of broken) out.push(...violationText(input, r, columns - 2).map((l) => `  ${l}`));
  }
  return fitLines(out, columns);
}

/** One violation: where, the minimal input and what broke, whether a task gets there, the run. */
export function violationText(input: ModelInput, r: UserResult, columns: number): string[] {
  const { json, trace } = counterexampleOf(input, r);
  const lines = [
    `${r.property} on ${r.path ?? 'masks'}, found by ${r.method}:`,
    ...wrap(oneLine(json), '    ', '  ', columns),
  ];
  const reach = reachableLine(json, r.coverage.events !== 'none');
  if (reach !== undefined) lines.push(...wrap(reach, '    ', '  ', columns));
  lines.push(...trace.map((l) => `  ${l}`));
  return lines;
}

/** The same as JSON: each result with its severity and, violated, its counterexample. */
export function userResultsJson(input: ModelInput, results: readonly UserResult[]): unknown[] {
  return results.map((r) => {
    const base = {
      property: r.property,
      severity: r.severity,
      path: r.path,
      verdict: r.verdict,
      method: r.method,
      coverage: r.coverage,
    };
    return r.counterexample === undefined
      ? base
      : { ...base, counterexample: counterexampleOf(input, r).json };
  });
}

/** The heading of the section, naming where the properties came from. */
export const userSectionTitle = (s: Subject, from: string): string =>
  `your properties (${from}) on ${s.kernel}:`;
