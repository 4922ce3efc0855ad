import type { CounterexampleDoc, CounterexampleJson, SyscallDoc, ViolationDoc } from './counterexampleDoc.js';

/** ` --syscall K --seccomp O` for a whole syscall's counterexample (ordinary and allow left out). */
export function syscallOptions(c: SyscallDoc): string {
  const kind = c.syscall === undefined || c.syscall === 'ordinary' ? '' : ` --syscall ${c.syscall}`;
  const seccomp = c.seccomp === undefined ? '' : ` --seccomp ${c.seccomp}`;
  const work = c.syscallWork === undefined ? '' : ` --syscall-work ${c.syscallWork.join(',')}`;
  return `${work}${kind}${seccomp}`;
}

/** `fork syscall, seccomp errno` in words; empty outside whole syscalls. */
export function syscallWords(c: SyscallDoc): string {
  if (c.syscall === undefined) return '';
  const kind = c.syscall === 'ordinary' ? 'an ordinary syscall' : `syscall ${c.syscall}`;
  const work = c.syscallWork === undefined ? '' : `syscall_work ${c.syscallWork.join('|')}, `;
  return c.seccomp === undefined ? `${work}${kind}` : `${work}${kind}, seccomp ${c.seccomp}`;
}

export type ReproduceFrom = Pick<
  CounterexampleDoc,
  'kernel' | 'pathsFrom' | 'edits' | 'raw' | 'events' | 'flagWork' | 'fred' | 'tree'
> & { readonly property: string };

/** The command lines that reproduce a violation. */
export function reproduceCommands(doc: ReproduceFrom, v: ViolationDoc, file?: string): string[] {
  const c = v.counterexample;
  const t = doc.tree;
  const source =
    t !== undefined
      ? `--tree ${t.dir}${t.rev === undefined ? '' : ` --rev ${t.rev}`}${t.patch === undefined ? '' : ` --patch ${t.patch}`}`
      : doc.kernel === doc.pathsFrom
        ? `--kernel ${doc.kernel}`
        : `--header ${doc.kernel} --paths ${doc.pathsFrom}`;
  const edits =
    doc.edits.map((e) => ` --edit '${e}'`).join('') +
    (doc.flagWork ?? []).map((w) => ` --flag-work ${w}`).join('') +
    (doc.fred === true ? ' --fred' : '');
  const lines: string[] = [];
  if (v.path !== null) {
    const flags = c.flags.length === 0 ? '' : ` --flags ${c.flags.join(',')}`;
    const events =
      c.events.length === 0 ? '' : ` --events ${c.events.map((e) => `${e.id}@${e.at}`).join(',')}`;
    lines.push(
      `npx tifcheck explain ${source}${edits} --path ${v.path}${flags}${syscallOptions(c)}${events}`,
    );
  }
  lines.push(
    `npx tifcheck verify ${source}${edits} --property ${doc.property}${v.path === null ? '' : ` --path ${v.path}`}${doc.raw ? ' --raw' : ''}${doc.events === 'none' ? ' --events none' : ''}`,
  );
  if (file !== undefined) lines.push(`npx tifcheck replay ${file}`);
  return lines;
}

function foundBy(doc: CounterexampleDoc, v: ViolationDoc): string {
  const f = v.counterexample.foundBy;
  const schedules = doc.events === 'none' ? 'no events (--events none)' : 'every event schedule';
  const parts: string[] = [];
  if (f.exhaustive !== undefined) {
    parts.push(
      v.coverage.initialStates === undefined
        ? 'inspection of the masks'
        : `exhaustive search: ${f.exhaustive.initialStates} initial ${rootsWord(v)}, ${f.exhaustive.states} states, ${schedules}`,
    );
  }
  if (f.fastCheck !== undefined) {
    parts.push(
      `fast-check, seed ${f.fastCheck.seed}, ${f.fastCheck.syscall === undefined ? '' : `searching syscall ${f.fastCheck.syscall}, `}path "${f.fastCheck.path}", ${f.fastCheck.shrinks} shrinks in ${f.fastCheck.runs} runs`,
    );
  }
  return parts.join('; ');
}

/** What the roots of a path's search are: flag sets, or for a whole syscall flag sets with a syscall. */
export function rootsWord(v: Pick<ViolationDoc, 'counterexample'>): string {
  return v.counterexample.syscall === undefined ? 'flag sets' : 'inputs (flag set, syscall, seccomp outcome)';
}

function events(c: { readonly events: readonly { at: number; id: string }[] }): string {
  return c.events.length === 0 ? 'none' : c.events.map((e) => `\`${e.id}\` at step ${e.at}`).join(', ');
}

function reachability(c: CounterexampleJson, schedules: string): string {
  if (c.latent.flags.length === 0) return 'yes: every initial flag can be pending when the path begins';
  const why = c.latent.why.join('; ');
  const r = c.reachable;
  if (r === undefined) return `latent: ${why}`;
  if (r.kind === 'none') {
    const how =
      r.method === 'exhaustive'
        ? `exhaustive search over the ${r.initialStates} initial flag sets that can be pending when the path begins, with ${schedules}, finds no violation`
        : `fast-check found none in ${r.runs} runs from flags that can be pending when the path begins`;
    return `latent, not reachable: ${why}. ${how}`;
  }
  return `the minimal input is latent (${why}), but the failure is reachable another way: see below`;
}

/** The Markdown report a kernel developer reads: one section per path where the property fails. */
export function counterexampleMarkdown(doc: CounterexampleDoc, file?: string): string {
  const out: string[] = [`# ${doc.property} violated: kernel ${doc.kernel}`, '', `> ${doc.statement}`, ''];
  out.push(`Property source: ${doc.cite}.`);
  if (doc.kernel !== doc.pathsFrom)
    out.push(`Masks from ${doc.kernel}; control flow of kernel ${doc.pathsFrom}.`);
  if (doc.edits.length > 0) out.push(`Edits applied: ${doc.edits.map((e) => `\`${e}\``).join(', ')}.`);
  if (doc.readIn !== undefined && doc.readIn.length > 0)
    out.push('', 'Read in:', '', ...doc.readIn.map((t) => `- ${t}`));
  if (doc.explanation !== undefined) out.push('', '## Why', '', ...doc.explanation.flatMap((p) => [p, '']));
  if (doc.explanation !== undefined) out.pop();
  for (const n of doc.notes) out.push('', n);
  for (const v of doc.violations) {
    const c = v.counterexample;
    out.push('', `## ${v.path ?? 'the masks'}`, '', '| | |', '|---|---|');
    out.push(
      `| Minimal initial \`ti->flags\` | \`${c.flags.length === 0 ? 'none' : c.flags.join('|')}\` (${c.flagsValue}) |`,
    );
    if (c.syscall !== undefined) out.push(`| Syscall | ${syscallWords(c)} |`);
    out.push(`| Asynchronous events | ${events(c)} |`);
    out.push(`| What goes wrong | ${c.message} |`);
    if (v.path !== null)
      out.push(
        `| Outcome | ${c.outcome}${c.returnedBy ? ` (${c.returnedBy.via} at ${c.returnedBy.at})` : ''} |`,
      );
    out.push(`| Found by | ${foundBy(doc, v)} |`);
    if (v.path !== null)
      out.push(
        `| Reachable | ${reachability(c, doc.events === 'none' ? 'no events' : 'every event schedule')} |`,
      );
    if (c.masks !== undefined)
      for (const m of c.masks) out.push(`| \`${m.name}\` | contains ${m.bits}, which no flag defines |`);
    if (c.why.length > 0) out.push('', '### The flags in the masks', '', ...c.why.map((w) => `- ${w}`));
    if (v.traceText.length > 0) {
      out.push(
        '',
        v.path !== null && c.masks !== undefined
          ? `### What ${v.path} would do if ${c.flags.join('|')} were set`
          : '### Trace',
        '',
      );
      out.push('```text', ...v.traceText, '```', '', '```mermaid', ...v.mermaid, '```');
    }
    const r = c.reachable;
    if (r?.kind === 'found') {
      out.push('', '### Smallest reachable counterexample', '');
      const syscall = r.syscall === undefined ? '' : `, ${syscallWords(r)}`;
      out.push(
        `Initial flags \`${r.flags.length === 0 ? 'none' : r.flags.join('|')}\`${syscall}, events ${events(r)}: ${r.message}.`,
        '',
      );
      out.push('```text', ...(v.reachableTraceText ?? []), '```');
    }
    out.push(...fixMarkdown(v));
    out.push('', '### Reproduce', '', '```sh', ...reproduceCommands(doc, v, file), '```');
  }
  return `${out.join('\n')}\n`;
}

/** The fix search's answer: each fix as edits and as the C definitions it changes. */
function fixMarkdown(v: ViolationDoc): string[] {
  if (v.noFix !== undefined) return ['', '### Fix', '', `No mask fix: ${v.noFix}.`];
  if (v.fixes === undefined || v.fixes.length === 0) return [];
  const out = ['', '### Fix', ''];
  for (const f of v.fixes) {
    const also = f.alsoFixes.length === 0 ? '' : `; it also fixes ${f.alsoFixes.join(', ')}`;
    out.push(`${f.edits.map((e) => `\`--edit '${e}'\``).join(' ')}${also}:`, '');
    out.push('```diff');
    for (const d of f.definitions) {
      if (d.file !== undefined) out.push(`# ${d.file}`);
      out.push(`-#define ${d.mask} ${d.before}`, `+#define ${d.mask} ${d.after}`);
    }
    out.push('```', '');
  }
  out.pop();
  return out;
}
