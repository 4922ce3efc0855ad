import type { CheckResult } from '../check/result.js';
import type { Subject } from '../check/subject.js';
import { type CounterexampleJson, violationDocOf } from './counterexampleDoc.js';
import { reproduceCommands, syscallWords } from './counterexampleMarkdown.js';

/** Events as a command line writes them, or the words for none. */
const eventsWords = (events: readonly { id: string; at: number }[]): string =>
  events.length === 0 ? 'no events' : `events ${events.map((e) => `${e.id}@${e.at}`).join(',')}`;

export function oneLine(c: CounterexampleJson): string {
  const flags = c.flags.length === 0 ? 'no flags' : c.flags.join('|');
  const syscall = c.syscall === undefined ? '' : `, ${syscallWords(c)}`;
  return `from ${flags}${syscall}, ${eventsWords(c.events)}: ${c.message}`;
}

export function reachableLine(c: CounterexampleJson, withEvents: boolean): string | undefined {
  if (c.latent.flags.length === 0) return undefined;
  const r = c.reachable;
  const latent = `latent: ${c.latent.why.join('; ')}`;
  if (r === undefined) return latent;
  if (r.kind === 'none') {
    return r.method === 'exhaustive'
      ? `${latent}; not reachable: none of the ${r.initialStates} initial inputs that can be pending at the start leads there, ${withEvents ? 'under any events' : 'without events'}`
      : `${latent}; fast-check found no reachable case in ${r.runs} runs`;
  }
  const flags = r.flags.length === 0 ? 'no flags' : r.flags.join('|');
  const syscall = r.syscall === undefined ? '' : ` (${syscallWords(r)})`;
  return `${latent}; but reachable from ${flags}${syscall}, ${eventsWords(r.events)}`;
}

/**
 * One violation in three lines or so, unindented: its minimal input and what went wrong, whether
 * a real task can get there, and the command that shows the run. Shared by verify and diff.
 */
export function violationLines(
  subject: Subject,
  r: Omit<CheckResult, 'property'> & { readonly property: string },
  raw = false,
): string[] {
  const v = violationDocOf(subject.input, r);
  const out = [oneLine(v.counterexample)];
  const reach = reachableLine(v.counterexample, r.coverage.events !== 'none');
  if (reach !== undefined) out.push(reach);
  const from = {
    kernel: subject.kernel,
    pathsFrom: subject.pathsFrom,
    edits: subject.edits,
    property: r.property,
    raw,
    ...(subject.flagWork === undefined ? {} : { flagWork: subject.flagWork }),
    ...(subject.fred === true ? { fred: true as const } : {}),
    ...(subject.tree === undefined ? {} : { tree: subject.tree }),
  };
  out.push(reproduceCommands(from, v)[0] ?? '');
  return out;
}
