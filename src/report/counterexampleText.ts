import { SEVERITY } from '../check/severity.js';
import { PATH_TITLES } from '../kernels/pathId.js';
import { seedsNamed } from '../kernels/seeds.js';
import type {
  CounterexampleDoc,
  CounterexampleJson,
  TraceEntryDoc,
  ViolationDoc,
} from './counterexampleDoc.js';
import { reproduceCommands, syscallWords } from './counterexampleMarkdown.js';

/** Mail clients and list archives wrap longer lines; the plain-text report never needs them to. */
export const MAIL_WIDTH = 72;

/** Words wrapped to the width, every line after the first indented. */
export function wrap(text: string, indent = '', first = '', width = MAIL_WIDTH): string[] {
  const out: string[] = [];
  let line = first;
  for (const word of text.split(/\s+/).filter((w) => w !== '')) {
    const lead = out.length === 0 && line === first ? first : indent;
    if (line !== lead && `${line} ${word}`.length > width) {
      out.push(line);
      line = `${indent}${word}`;
    } else line = line === lead ? `${line}${word}` : `${line} ${word}`;
  }
  if (line.trim() !== '') out.push(line);
  return out;
}

/**
 * One step as a line: the mark (`->` where a livelock's cycle begins, `!!` where the property
 * breaks), step, label, IRQs, flags and `%edi` (the asm's work mask register, where it keeps one).
 * A line that would pass the width puts `%edi` on the next.
 */
function stepLines(e: TraceEntryDoc, mark: string, labelWidth: number): string[] {
  const lead = `${mark}${String(e.step).padStart(3)} ${e.label.padEnd(labelWidth)} ${e.irqs.padEnd(3)} `;
  // Flags that do not fit go on continuation lines, split where a flag ends.
  const lines: string[] = [];
  let line = lead;
  for (const [i, f] of (e.flags || '0').split('|').entries()) {
    const piece = i === 0 ? f : `|${f}`;
    if (i > 0 && `${line}${piece}`.length > MAIL_WIDTH) {
      lines.push(line);
      line = `${' '.repeat(lead.length)}${piece}`;
    } else line = `${line}${piece}`;
  }
  const edi = e.mask === undefined ? '' : `%edi=${e.mask}`;
  if (edi !== '' && `${line}  ${edi}`.length <= MAIL_WIDTH) line = `${line}  ${edi}`;
  else if (edi !== '') {
    lines.push(line);
    line = `${' '.repeat(6)}${edi}`;
  }
  lines.push(line);
  return lines;
}

function traceLines(c: CounterexampleJson): string[] {
  const width = Math.min(28, Math.max(...c.trace.map((e) => e.label.length), 8));
  const out: string[] = [];
  for (const [i, e] of c.trace.entries()) {
    const mark = c.cycleStart === i ? '->' : c.step === i && c.outcome !== 'livelock' ? '!!' : '  ';
    out.push(...stepLines(e, mark, width));
    for (const ev of e.events) out.push(`${' '.repeat(6)}event: ${ev}`);
  }
  const end = (text: string): string[] => wrap(text, ' '.repeat(8), ' '.repeat(6));
  if (c.outcome === 'livelock' && c.cycleStart !== undefined)
    out.push(...end(`back to step ${c.cycleStart}: the same state, no event left to fire`));
  else if (c.returnedBy !== undefined)
    out.push(
      ...end(`${c.returnedBy.via} to user mode at ${c.returnedBy.at}, flags ${c.returnedBy.flags || '0'}`),
    );
  else if (c.stoppedBy !== undefined)
    out.push(...end(`${c.stoppedBy.kind} at ${c.stoppedBy.at}: ${c.stoppedBy.what}`));
  return out;
}

/** A shell command split at spaces with backslash continuations, so it still pastes whole. */
function commandLines(command: string): string[] {
  const out: string[] = [];
  let line = '  $';
  for (const word of command.split(' ')) {
    if (line !== '  $' && `${line} ${word} \\`.length > MAIL_WIDTH) {
      out.push(`${line} \\`);
      line = `      ${word}`;
    } else line = `${line} ${word}`;
  }
  out.push(line);
  return out;
}

/** Markdown's backquotes dropped and seeds named by their threads, for plain text. */
export const plainNote = (text: string): string => seedsNamed(text).replace(/`/g, '');

/** `label: text`, the text wrapped under itself, the label padded to `width`. */
function field(label: string, text: string, width = 10): string[] {
  const lead = (label === '' ? '' : `${label}:`).padEnd(width);
  return wrap(text, ' '.repeat(width), lead);
}

/** The label where a livelock's cycle closes, or where the property breaks. */
function placeOf(c: CounterexampleJson): string | undefined {
  if (c.outcome === 'livelock') return c.trace[c.trace.length - 1]?.label;
  if (c.step !== undefined) return c.trace[c.step]?.label;
  return c.returnedBy?.at;
}

/**
 * The first line a maintainer scans: what goes wrong and where, then the mask arithmetic behind it
 * (or, with no flag to blame, what went wrong).
 */
function headline(doc: CounterexampleDoc, v: ViolationDoc): string {
  const c = v.counterexample;
  if (c.masks !== undefined)
    return `bits no flag defines in ${c.masks.map((m) => `${m.name} (${m.bits})`).join(', ')}`;
  const at = placeOf(c);
  const what =
    c.outcome === 'livelock'
      ? `livelock in ${at ?? v.path}`
      : `${doc.property} broken${at === undefined ? '' : ` at ${at}`}`;
  const blame = c.why[0]?.replace(/ \(0x[0-9a-f]{8}\)/, '').replace(/\.$/, '');
  return `${what}: ${blame ?? c.message}`;
}

/** Whether a real task gets there, in words; the search terms said once, plainly. */
function verdictLines(doc: CounterexampleDoc, c: CounterexampleJson): string[] {
  const schedules =
    doc.events === 'none'
      ? 'with no interrupt or tracer action'
      : 'under every order of interrupts and tracer actions';
  if (c.latent.flags.length === 0) {
    const how = (c.pendingBy ?? []).map((p) => `${p.flag}: ${p.by.join('; ') || 'set before the path'}`);
    const events = (c.eventsWhat ?? []).map((e) => `${e.id}: ${e.what}`);
    return [
      ...wrap(
        `Reachable: a real task gets here. ${
          how.length === 0
            ? 'It needs no flag set beforehand.'
            : 'Each flag it starts with can be pending when the path begins:'
        }`,
        '  ',
        '  ',
      ),
      ...how.flatMap((h) => wrap(h, '      ', '    - ')),
      ...(events.length === 0
        ? []
        : [
            ...wrap('And each event is something the kernel lets happen at that step:', '  ', '  '),
            ...events.flatMap((e) => wrap(e, '      ', '    - ')),
          ]),
    ];
  }
  const why = c.latent.why.join('; ');
  const head = `Latent: no real task starts the path with ${c.latent.flags.join('|')} pending (${why}). The masks are wrong all the same; code that sets the flag there later would meet this.`;
  const r = c.reachable;
  let rest = '';
  if (r?.kind === 'none')
    rest =
      r.method === 'exhaustive'
        ? ` An exhaustive search of the ${r.initialStates} initial inputs a real task can have, ${schedules}, finds no way to break the property today.`
        : ` fast-check found no way a real task breaks it in ${r.runs} random runs.`;
  else if (r?.kind === 'found') {
    const flags = r.flags.length === 0 ? 'no flags' : r.flags.join('|');
    const events =
      r.events.length === 0 ? 'no events' : `events ${r.events.map((e) => `${e.id}@${e.at}`).join(', ')}`;
    rest = ` But a real task gets here another way: from ${flags}${r.syscall === undefined ? '' : `, ${syscallWords(r)}`}, ${events}: ${r.message}.`;
  }
  return wrap(`${head}${rest}`, '  ', '  ');
}

/** A #define as C, split at its operators with backslashes so that it stays in the width. */
function defineLines(mark: string, name: string, expr: string): string[] {
  const one = `${mark}#define ${name} ${expr}`;
  if (one.length <= MAIL_WIDTH) return [one];
  const out = [`${mark}#define ${name} \\`];
  let line = `${mark}    `;
  for (const word of expr.split(' ')) {
    if (line.trim() !== mark.trim() && `${line} ${word} \\`.length > MAIL_WIDTH) {
      out.push(`${line} \\`);
      line = `${mark}    ${word}`;
    } else line = line.trim() === mark.trim() ? `${line}${word}` : `${line} ${word}`;
  }
  out.push(line);
  return out;
}

/**
 * Edits as options, where one fits a line; a whole new expression (`MASK=EXPR`) does not, and the
 * definitions under it show it whole.
 */
function editsWords(edits: readonly string[]): string {
  return edits
    .map((e) => (e.length <= MAIL_WIDTH - 12 ? `--edit '${e}'` : `--edit '${e.split('=')[0]}=...'`))
    .join(' ');
}

function fixLines(v: ViolationDoc): string[] {
  if (v.noFix !== undefined) return ['', ...wrap(`No mask fix: ${v.noFix}.`)];
  const f = v.fixes?.[0];
  if (f === undefined) return [];
  const also = f.alsoFixes.length === 0 ? '' : `; it also fixes ${f.alsoFixes.join(', ')}`;
  const out = [
    '',
    ...wrap(`The smallest fix, which breaks nothing that holds, is ${editsWords(f.edits)}${also}:`),
  ];
  for (const d of f.definitions) {
    out.push('', ...(d.file === undefined ? [] : [`  ${d.file}`]));
    out.push(...defineLines('  -', d.mask, d.before), ...defineLines('  +', d.mask, d.after));
  }
  const others = (v.fixes ?? []).slice(1);
  if (others.length > 0)
    out.push('', ...wrap(`Other fixes: ${others.map((x) => editsWords(x.edits)).join('; ')}.`));
  return out;
}

/**
 * One violation as a reply to a patch: the line to scan, the kernel and where it was read, the
 * minimal input, whether a real task gets there, the run, the fix as C, why (for a pinned kernel),
 * and the command that shows it again.
 */
function replyLines(doc: CounterexampleDoc, v: ViolationDoc, file: string | undefined): string[] {
  const c = v.counterexample;
  const out = [...wrap(headline(doc, v)), ''];
  const kernel =
    doc.kernel === doc.pathsFrom
      ? `${doc.kernel}${doc.edits.length > 0 ? ` with ${doc.edits.join('; ')}` : ''}`
      : `${doc.kernel}${doc.edits.length > 0 ? ` with ${doc.edits.join('; ')}` : ''}, control flow of ${doc.pathsFrom}`;
  out.push(...field('Kernel', kernel));
  for (const [i, t] of (doc.readIn ?? []).entries()) out.push(...field(i === 0 ? 'Read in' : '', t));
  if (v.path !== null) out.push(...field('Path', `${v.path}: ${PATH_TITLES[v.path]}`));
  out.push(...field('Property', `${doc.property} (${SEVERITY[doc.property]}): ${doc.statement}`));
  for (const w of doc.flagWork ?? []) out.push(...field('Assumed', `--flag-work ${w}`));
  const flags = c.flags.length === 0 ? 'none' : `${c.flags.join('|')} (${c.flagsValue})`;
  const events = c.events.length === 0 ? 'none' : c.events.map((e) => `${e.id} at step ${e.at}`).join(', ');
  out.push('', 'The smallest input that breaks it:');
  out.push(...wrap(`ti->flags: ${flags}`, '    ', '  '));
  if (c.syscall !== undefined) out.push(...wrap(syscallWords(c), '    ', '  '));
  out.push(...wrap(`events: ${events}`, '    ', '  '), ...wrap(c.message, '    ', '  result: '));
  if (c.why.length > 0) for (const w of c.why) out.push(...wrap(w, '    ', '  - '));
  if (c.masks !== undefined)
    for (const m of c.masks)
      out.push(...wrap(`${m.name} contains ${m.bits}, which no flag defines`, '    ', '  - '));
  if (v.path !== null) out.push('', ...verdictLines(doc, c));
  if (c.trace.length > 0) {
    out.push(
      '',
      ...wrap(
        c.outcome === 'livelock'
          ? `The run (step, label, IRQs, flags, %edi). From the step marked -> the state repeats and nothing is left to change it: it never returns.`
          : c.masks !== undefined
            ? `What ${v.path} would do with ${c.flags.join('|')} set (step, label, IRQs, flags, %edi):`
            : 'The run (step, label, IRQs, flags, %edi; !! where it breaks):',
      ),
    );
    out.push(...traceLines(c));
  }
  out.push(...fixLines(v));
  if (doc.explanation !== undefined)
    for (const [i, p] of doc.explanation.entries())
      out.push('', ...wrap(plainNote(i === 0 ? `Why: ${p}` : p)));
  const [again] = reproduceCommands(doc, v, file);
  if (again !== undefined) out.push('', 'Reproduce:', ...commandLines(again));
  return out;
}

/** Between two replies: each is pasted on its own. */
const SEPARATOR = '-'.repeat(MAIL_WIDTH);

/**
 * A counterexample as plain text for a reply on a mailing list, one reply per path where the
 * property breaks: no markup, at most 72 columns, the commands still paste whole.
 */
export function counterexampleText(doc: CounterexampleDoc, file?: string): string {
  const replies = doc.violations.map((v) => replyLines(doc, v, file).join('\n'));
  return `${replies.join(`\n\n${SEPARATOR}\n\n`)}\n\n${wrap(`-- ${doc.tool}; ${WHERE_TO_GET}`).join('\n')}\n`;
}

/** Where a reader of the reply gets the tool that the reproduce line runs. */
const WHERE_TO_GET = 'run the commands from a checkout of tifcheck after npm ci && npm run build';
