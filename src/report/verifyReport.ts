import type { FixSearch } from '../check/fixes.js';
import type { PropertyId } from '../check/propertyId.js';
import { type CheckResult, placeKey } from '../check/result.js';
import { EXHAUSTIVE_MAX_BITS } from '../check/settings.js';
import { SEVERITY } from '../check/severity.js';
import type { Subject } from '../check/subject.js';
import type { VerifyOptions } from '../check/verify.js';
import type { PathId } from '../kernels/pathId.js';
import { violationDocOf } from './counterexampleDoc.js';
import { plainNote, wrap } from './counterexampleText.js';
import { fitLines } from './fit.js';
import { noFixText } from './fixDoc.js';
import { violationLines } from './violationLines.js';

/** Paragraphs in the default output wrap where a terminal does by default. */
const TERMINAL_WIDTH = 80;

/** The version of `tifcheck verify --json` (schemas/verify.schema.json). */
export const VERIFY_SCHEMA = 'tifcheck-verify/1';

/** `verify --json` for one subject (DESIGN.md's contract, plus `pathsFrom`, `notes`, `coverage`). */
export function verifyJson(
  subject: Subject,
  results: readonly CheckResult[],
  fixes?: readonly FixSearch[],
): unknown {
  return {
    schema: VERIFY_SCHEMA,
    kernel: subject.kernel,
    pathsFrom: subject.pathsFrom,
    ...(subject.fred === true ? { fred: true } : {}),
    edits: subject.edits,
    notes: subject.notes,
    results: results.map((r) => {
      const base = {
        property: r.property,
        severity: SEVERITY[r.property],
        path: r.path,
        verdict: r.verdict,
        method: r.method,
        coverage: r.coverage,
      };
      if (r.counterexample === undefined) return base;
      return { ...base, counterexample: violationDocOf(subject.input, r).counterexample };
    }),
    ...(fixes === undefined ? {} : { fixes }),
  };
}

const cell = (r: CheckResult | undefined): string =>
  r === undefined ? '-' : r.verdict === 'holds' ? 'holds' : 'VIOLATED';

/** `verify` for one subject, for a person: a property x path table, then one paragraph per violation. */
export function verifyText(
  subject: Subject,
  title: string,
  results: readonly CheckResult[],
  settings: string,
  fixes: readonly FixSearch[] = [],
  explanationFor: (property: PropertyId) => readonly string[] | undefined = () => undefined,
  columns = TERMINAL_WIDTH,
): string {
  const out: string[] = [
    `tifcheck verify: ${subject.kernel === subject.pathsFrom ? 'kernel ' : ''}${subject.kernel}${subject.fred === true ? ' on FRED' : ''}${title ? ` -- ${title}` : ''}`,
  ];
  if (subject.edits.length > 0) out.push(`edits: ${subject.edits.join('; ')}`);
  for (const n of subject.notes) out.push(`note: ${n}`);
  out.push(settings, '');
  const paths = [...new Set(results.map((r) => r.path))];
  const props = [...new Set(results.map((r) => r.property))];
  const colName = (p: PathId | null): string => p ?? 'masks';
  const width = Math.max(...props.map((p) => p.length)) + 2;
  out.push(...verdictTable(results, props, paths, width, columns));
  // A fix already printed for an earlier violation is referred to, not printed again.
  const shown = new Map<string, string>();
  const explained = new Set<PropertyId>();
  for (const r of results) {
    if (r.counterexample === undefined) continue;
    out.push(
      '',
      `VIOLATED ${r.property} (${SEVERITY[r.property]}) on ${colName(r.path)}, found by ${r.method}`,
      ...violationLines(subject, r).map((l) => `  ${l}`),
    );
    const f = fixes.find((x) => placeKey(x.target) === placeKey(r));
    if (f !== undefined) out.push(...fixLines(f, r, shown));
    // A pinned kernel's explanation, once per property, under its first violation.
    const why = explained.has(r.property) ? undefined : explanationFor(r.property);
    explained.add(r.property);
    for (const [i, p] of (why ?? []).entries())
      out.push(...wrap(plainNote(i === 0 ? `why: ${p}` : p), '  ', '  ', columns));
  }
  const cov = results.filter((r) => r.coverage.initialStates !== undefined || r.coverage.runs !== undefined);
  const seen = new Set<string>();
  const lines: string[] = [];
  for (const r of cov) {
    const key = `${r.path}:${r.method}`;
    if (seen.has(key)) continue;
    seen.add(key);
    lines.push(
      r.method === 'exhaustive'
        ? r.coverage.complete === false
          ? `${colName(r.path)}: exhaustive search stopped at its budget of ${r.coverage.states} states (${r.coverage.domainBits} flags); it decides only what it found violated`
          : `${colName(r.path)}: every one of ${r.coverage.initialStates} initial ${r.path === 'syscall' ? 'inputs (flag set, syscall, seccomp outcome)' : 'flag sets'} (${r.coverage.domainBits} flags), ${r.coverage.states} states`
        : `${colName(r.path)}: fast-check over ${r.coverage.domainBits} flags, ${r.coverage.runs} runs${r.verdict === 'violated' ? ' (it stops at the first failure)' : ''}`,
    );
  }
  if (lines.length > 0) out.push('', 'searched:', ...lines.map((l) => `  ${l}`));
  return `${fitLines(out, columns).join('\n')}\n`;
}

/** Two letters per path, for a table that would not fit with the paths' names. */
const PATH_CODES: Readonly<Record<PathId, string>> = {
  'syscall-exit': 'sx',
  'interrupt-exit': 'ix',
  'exception-exit': 'ex',
  'paranoid-exit': 'px',
  syscall: 'sc',
  'compat-syscall': 'cs',
};

/**
 * The property x path table: the paths' names and the verdicts in words where that fits the
 * terminal, else two-letter path codes and the all-kernels matrix's marks, with a legend.
 */
function verdictTable(
  results: readonly CheckResult[],
  props: readonly PropertyId[],
  paths: readonly (PathId | null)[],
  width: number,
  columns: number,
): string[] {
  const at = (p: PropertyId, path: PathId | null) => results.find((r) => r.property === p && r.path === path);
  // In words where the paths' names fit, else in two-letter codes and marks.
  const words = width + 12 + paths.length * 16 <= columns;
  const code = (p: PathId | null) => (p === null ? 'mk' : PATH_CODES[p]);
  const mark = (r: CheckResult | undefined) => (r === undefined ? '-' : r.verdict === 'holds' ? '.' : 'X');
  const column = words ? (p: PathId | null) => p ?? 'masks' : code;
  const show = words ? cell : mark;
  const w = words ? 16 : 4;
  const row = (head: string, cells: readonly string[]) =>
    `${head}${cells.map((c) => c.padEnd(w)).join('')}`.trimEnd();
  const table = [
    row(`${''.padEnd(width)}${'class'.padEnd(12)}`, paths.map(column)),
    ...props.map((p) =>
      row(
        `${p.padEnd(width)}${SEVERITY[p].padEnd(12)}`,
        paths.map((path) => show(at(p, path))),
      ),
    ),
  ];
  if (words) return table;
  return [
    ...table,
    '',
    'a cell: . holds, X violated, - does not apply',
    `paths: ${paths.map((p) => `${code(p)} ${p ?? 'masks'}`).join(', ')}`,
  ];
}

/** The suggested fixes of one violation, best first, and what else each fixes. */
function fixLines(f: FixSearch, r: CheckResult, shown: Map<string, string>): string[] {
  if (f.fixes.length === 0) return [`  no fix found: ${noFixText(f, r)}`];
  return f.fixes.map((x) => {
    const key = x.edits.join('\n');
    const earlier = shown.get(key);
    if (earlier !== undefined) return `  fix: the one shown for ${earlier}`;
    shown.set(key, `${r.property} on ${r.path ?? 'masks'}`);
    const also = x.fixes.filter((p) => p.property !== r.property || p.path !== r.path);
    const more =
      also.length === 0
        ? ''
        : `  (also fixes ${also.map((p) => `${p.property} on ${p.path ?? 'masks'}`).join(', ')})`;
    return `  fix: ${x.edits.map((e) => `--edit '${e}'`).join(' ')}${more}`;
  });
}

/** Two letters per property, for the all-kernels matrix; the legend under it spells them out. */
const CODES: Readonly<Record<PropertyId, string>> = {
  'exit-terminates': 'ET',
  'exit-work-delivered': 'WD',
  'exit-final-check-irqs-off': 'IO',
  'exit-trace-once': 'TO',
  'exit-full-frame': 'FF',
  'audit-balanced': 'AB',
  'sysret-safe': 'SR',
  'mask-dead-bits': 'DB',
  'entry-work-once': 'EW',
  'ptregs-full-frame': 'PF',
  'two-phase-equivalent': 'TP',
  'exit-work-after-entry': 'WA',
  'flag-operand': 'FO',
  'rseq-exit-atomic': 'RA',
  'slice-grant-defers-resched': 'SG',
};

/**
 * `verify` with no --kernel: a matrix of kernels by properties in 80 columns (a property as two
 * letters, a cell `.` where it holds on every path, `-` where no path has it, the number of paths
 * where it is violated otherwise), its legend, then one line per violation.
 */
export function kernelTableText(
  rows: readonly { kernel: string; results: readonly CheckResult[] }[],
  properties: readonly PropertyId[],
): string {
  const w = Math.max(...rows.map((r) => r.kernel.length), 6) + 1;
  const out = [`${'kernel'.padEnd(w)}${properties.map((p) => CODES[p].padStart(3)).join('')}`];
  const lines: string[] = [];
  for (const row of rows) {
    const cells = properties.map((p) => {
      const rs = row.results.filter((r) => r.property === p);
      if (rs.length === 0) return '-';
      const bad = rs.filter((r) => r.verdict === 'violated');
      for (const r of bad) lines.push(`${row.kernel.padEnd(w)}${p} (${SEVERITY[p]}) on ${r.path ?? 'masks'}`);
      return bad.length === 0 ? '.' : String(bad.length);
    });
    out.push(`${row.kernel.padEnd(w)}${cells.map((c) => c.padStart(3)).join('')}`);
  }
  out.push('', 'a cell: . holds on every path, - no path has it, N violated on N paths');
  const legend = properties.map((p) => `${CODES[p]} ${p} (${SEVERITY[p]})`);
  for (let i = 0; i < legend.length; i += 2)
    out.push(`  ${(legend[i] ?? '').padEnd(38)}${legend[i + 1] ?? ''}`.trimEnd());
  if (lines.length > 0) out.push('', 'violated:', ...lines.map((l) => `  ${l}`));
  return `${out.join('\n')}\n`;
}

/** The search settings, in one line under every report's title. */
export function searchSettingsLine(o: VerifyOptions): string {
  const search =
    o.method === 'exhaustive'
      ? 'exhaustive search'
      : o.method === 'fast-check'
        ? `fast-check, ${o.runs} runs, seed ${o.seed}`
        : `exhaustive up to ${EXHAUSTIVE_MAX_BITS} flags, else fast-check (${o.runs} runs, seed ${o.seed})`;
  const raw = o.raw ? '; --raw: bits no flag defines and flags never set are searched too' : '';
  const events =
    o.events === 'none'
      ? '; --events none: initial inputs only, no asynchronous event or choice in a step'
      : '';
  return `search: ${search}${raw}${events}`;
}
