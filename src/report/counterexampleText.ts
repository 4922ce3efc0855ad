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
export function wrap(text: string, indent = '', first = ''): string[] {
  const out: string[] = [];
  let line = first;
  for (const word of text.split(/\s+/).filter((w) => w !== '')) {
    const lead = out.length === 0 && line === first ? first : indent;
    if (line !== lead && `${line} ${word}`.length > MAIL_WIDTH) {
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

function violationText(doc: CounterexampleDoc, v: ViolationDoc, file: string | undefined): string[] {
  const c = v.counterexample;
  const flags = c.flags.length === 0 ? 'none' : `${c.flags.join('|')} (${c.flagsValue})`;
  const events = c.events.length === 0 ? 'none' : c.events.map((e) => `${e.id}@${e.at}`).join(', ');
  const out = ['', `On ${v.path ?? 'the masks'}:`, ...wrap(`ti->flags: ${flags}`, '    ', '  ')];
  if (c.syscall !== undefined) out.push(...wrap(syscallWords(c), '    ', '  '));
  out.push(...wrap(`events: ${events}`, '    ', '  '), ...wrap(c.message, '    ', '  result: '));
  if (c.latent.flags.length > 0) out.push(...wrap(`latent: ${c.latent.why.join('; ')}`, '    ', '  '));
  if (c.why.length > 0) {
    out.push('', 'The flags in the masks:');
    for (const w of c.why) out.push(...wrap(w, '    ', '  - '));
  }
  if (c.masks !== undefined)
    for (const m of c.masks)
      out.push(...wrap(`${m.name} contains ${m.bits}, which no flag defines`, '    ', '  '));
  if (c.trace.length > 0) {
    out.push(
      '',
      c.outcome === 'livelock'
        ? 'The lasso (step, label, IRQs, flags, %edi):'
        : 'The run (step, label, IRQs, flags, %edi):',
    );
    out.push(...traceLines(c));
  }
  const [again] = reproduceCommands(doc, v, file);
  if (again !== undefined) out.push('', 'Reproduce:', ...commandLines(again));
  return out;
}

/**
 * A counterexample as plain text for a reply on a mailing list: no markup, at most 72 columns, the
 * minimal flags, the trace as label lines (the lasso for a livelock), the mask arithmetic, and the
 * one command that shows it again.
 */
export function counterexampleText(doc: CounterexampleDoc, file?: string): string {
  const out = [
    ...wrap(
      `${doc.property} is violated on ${doc.kernel}${doc.kernel !== doc.pathsFrom ? ` (control flow of ${doc.pathsFrom})` : ''}${doc.edits.length > 0 ? ` with ${doc.edits.join('; ')}` : ''}.`,
    ),
    '',
    ...wrap(doc.statement),
  ];
  for (const v of doc.violations) out.push(...violationText(doc, v, file));
  out.push('', ...wrap(`-- ${doc.tool}`));
  return `${out.join('\n')}\n`;
}
