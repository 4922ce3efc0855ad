import type { PropertyId } from '../check/propertyId.js';
import type { CheckResult } from '../check/result.js';
import { reachesSeverity, SEVERITY, type Severity } from '../check/severity.js';
import type { Subject } from '../check/subject.js';
import { violationLines } from './violationLines.js';

/** A verdict: a built-in property's, or a user's (--properties), which carries its own class. */
export type CiResult = Omit<CheckResult, 'property'> & {
  readonly property: string;
  readonly severity?: Severity;
};

/** One subject's verdicts, as `verify` has them. */
export interface CiRow {
  readonly subject: Subject;
  readonly results: readonly CiResult[];
}

const place = (r: CiResult): string => `${r.property} on ${r.path ?? 'masks'}`;
const classOf = (r: CiResult): Severity => r.severity ?? SEVERITY[r.property as PropertyId];
const reaches = (r: CiResult, threshold: Severity): boolean => reachesSeverity(classOf(r), threshold);

/** A YAML string that is safe on one line. */
const yaml = (s: string): string => JSON.stringify(s);

/**
 * `verify --format tap`: TAP version 13, one test per property and path. A violation below the
 * --fail-on class is `not ok ... # TODO`, which TAP consumers count as expected, so the stream
 * gates a patch as the exit status does; each failure carries its counterexample in YAML.
 */
export function tapText(rows: readonly CiRow[], threshold: Severity): string {
  const all = rows.flatMap((row) => row.results.map((r) => ({ row, r })));
  const out = ['TAP version 13', `1..${all.length}`];
  for (const [i, { row, r }] of all.entries()) {
    const name = `${row.subject.kernel} ${place(r)} (${classOf(r)})`;
    if (r.verdict === 'holds') {
      out.push(`ok ${i + 1} - ${name}`);
      continue;
    }
    const todo = reaches(r, threshold) ? '' : ` # TODO ${classOf(r)}, below --fail-on`;
    const [what = '', ...rest] = violationLines(row.subject, r);
    out.push(`not ok ${i + 1} - ${name}${todo}`, '  ---', `  message: ${yaml(what)}`);
    out.push(`  severity: ${classOf(r)}`, `  found_by: ${r.method}`);
    for (const l of rest) out.push(l.startsWith('npx ') ? `  reproduce: ${yaml(l)}` : `  note: ${yaml(l)}`);
    out.push('  ...');
  }
  return `${out.join('\n')}\n`;
}

const xml = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * `verify --format junit`: JUnit XML, a suite per kernel (or header, or tree), a test case per
 * property and path. A violation at or above --fail-on is a failure with its counterexample; one
 * below it passes, with the violation said in system-out.
 */
export function junitXml(rows: readonly CiRow[], threshold: Severity): string {
  const out = ['<?xml version="1.0" encoding="UTF-8"?>', '<testsuites name="tifcheck">'];
  for (const row of rows) {
    const failures = row.results.filter((r) => r.verdict === 'violated' && reaches(r, threshold));
    out.push(
      `  <testsuite name="${xml(row.subject.kernel)}" tests="${row.results.length}" failures="${failures.length}" errors="0">`,
    );
    for (const r of row.results) {
      const head = `    <testcase classname="${xml(`${row.subject.kernel}.${r.property}`)}" name="${xml(r.path ?? 'masks')}"`;
      if (r.verdict === 'holds') {
        out.push(`${head}/>`);
        continue;
      }
      const lines = violationLines(row.subject, r);
      const body = xml(lines.join('\n'));
      out.push(
        `${head}>`,
        reaches(r, threshold)
          ? `      <failure type="${classOf(r)}" message="${xml(lines[0] ?? '')}">${body}</failure>`
          : `      <system-out>VIOLATED (${classOf(r)}, below --fail-on): ${body}</system-out>`,
        '    </testcase>',
      );
    }
    out.push('  </testsuite>');
  }
  out.push('</testsuites>');
  return `${out.join('\n')}\n`;
}
