import type { BehaviourExample, DiffInput, PathBehaviourDiff } from '../check/behaviourDiff.js';
import type { SubjectDiff, VerdictChange } from '../check/diff.js';
import { placeKey } from '../check/result.js';
import { type ReturnTestsDiff, ruleTests } from '../check/returnTestsDiff.js';
import { SEVERITY } from '../check/severity.js';
import type { Subject } from '../check/subject.js';
import { decompose } from '../flags/decompose.js';
import { hex32 } from '../flags/format.js';
import { describeFacts, factsToken } from '../model/registers.js';
import { kindName, seccompName } from '../model/root.js';
import type { Run } from '../model/run.js';
import type { CounterexampleDoc } from './counterexampleDoc.js';
import { counterexampleText, MAIL_WIDTH, wrap } from './counterexampleText.js';
import { fitLines } from './fit.js';
import { violationLines } from './violationLines.js';

/** A side as a developer names it: the kernel or header, and the edits applied to it. */
export function sideName(s: Subject): string {
  return `${s.kernel}${s.fred === true ? ' on FRED' : ''}${s.edits.length > 0 ? ` with ${s.edits.join('; ')}` : ''}`;
}

/** The masks whose value the change moves: before, after, and the flags it adds and removes. */
export function changedMasks(
  d: SubjectDiff,
): { name: string; before?: number; after?: number; added: string[]; removed: string[] }[] {
  const names = [...new Set([...d.base.input.masks.keys(), ...d.proposed.input.masks.keys()])];
  // A mask of ti->syscall_work is read in that word's names.
  const flagsIn = (s: Subject, name: string, v: number | undefined): Set<string> =>
    new Set(v === undefined ? [] : decompose(v, s.input.maskTables?.get(name) ?? s.input.table).flags);
  return names.flatMap((name) => {
    const before = d.base.input.masks.get(name);
    const after = d.proposed.input.masks.get(name);
    if (before === after) return [];
    const fb = flagsIn(d.base, name, before);
    const fa = flagsIn(d.proposed, name, after);
    return [
      {
        name,
        ...(before === undefined ? {} : { before }),
        ...(after === undefined ? {} : { after }),
        added: [...fa].filter((f) => !fb.has(f)),
        removed: [...fb].filter((f) => !fa.has(f)),
      },
    ];
  });
}

const where = (v: VerdictChange): string => v.path ?? 'masks';

function inputWords(x: DiffInput): string {
  const flags = x.flags.length === 0 ? 'no flags' : x.flags.join('|');
  const syscall =
    x.kind === 0 && x.seccomp === 0
      ? ''
      : `, syscall ${kindName(x.kind)}${x.seccomp === 0 ? '' : `, seccomp ${seccompName(x.seccomp)}`}`;
  const events =
    x.events.length === 0 ? 'no events' : `events ${x.events.map((e) => `${e.id}@${e.at}`).join(',')}`;
  return `${flags}${syscall}, ${events}`;
}

/** The two traces step by step, labels and calls, the first step where they part marked `*`. */
function sideBySide(base: Run, proposed: Run): string[] {
  const cell = (r: Run, i: number): string => {
    const e = r.trace[i];
    if (e === undefined) {
      if (i !== r.trace.length) return '';
      if (r.returned !== undefined) return `${r.returned.via} to user mode`;
      if (r.outcome === 'livelock') return `back to step ${r.cycleStart}: livelock`;
      return r.stopped !== undefined ? `${r.outcome} at ${r.stopped.at}` : r.outcome;
    }
    const calls = e.calls.map((c) => c.fn).join(',');
    return `${e.state.label}${calls ? ` -> ${calls}` : ''}`;
  };
  const n = Math.max(base.trace.length, proposed.trace.length) + 1;
  const rows = Array.from({ length: n }, (_, i) => [cell(base, i), cell(proposed, i)] as const);
  const w = Math.min(44, Math.max(8, ...rows.map(([b]) => b.length)));
  const first = rows.findIndex(([b, p]) => b !== p);
  const out = [`        ${'base'.padEnd(w)}  proposed`];
  for (const [i, [b, p]] of rows.entries()) {
    if (b === '' && p === '') continue;
    out.push(`  ${i === first ? '*' : ' '}${String(i).padStart(3)}  ${b.padEnd(w)}  ${p}`.trimEnd());
  }
  return out;
}

function returnTestsLines(r: ReturnTestsDiff): string[] {
  const out = [
    'return to user mode (SYSRET, IRET or ERETU):',
    `  base:     ${r.base}: ${ruleTests(r.base)}`,
    `  proposed: ${r.proposed}: ${ruleTests(r.proposed)}`,
  ];
  if (r.differences === undefined)
    out.push(
      r.base === 'eretu' || r.proposed === 'eretu'
        ? '  on FRED every return is ERETU, whatever the registers: see the behaviour below'
        : '  one side decides by TS_FASTSYSCALL, not by the registers at the exit: see the behaviour below',
    );
  else if (r.differences.length === 0)
    out.push(`  the same decision on all ${r.compared} values pt_regs can hold`);
  else {
    out.push(`  decided differently on some of the ${r.compared} values pt_regs can hold; one of each kind:`);
    for (const x of r.differences) {
      const why = (via: string, fails?: string) => `${via}${fails === undefined ? '' : ` (${fails} fails)`}`;
      out.push(
        `    ${describeFacts(x.facts)}`,
        `      base ${why(x.base, x.baseFails)}, proposed ${why(x.proposed, x.proposedFails)}`,
        `      SYSRET here: ${x.sysret.fault ?? x.sysret.differs ?? 'restores what IRET would'}`,
      );
    }
  }
  for (const x of r.replays) {
    out.push(
      `  sysret-safe on ${x.path} is violated on the ${x.violatedOn} side only; its counterexample on both:`,
      `    ${inputWords(x.input)}: ${x.message}`,
      ...sideBySide(x.base, x.proposed).map((l) => `  ${l}`),
    );
  }
  return out;
}

function exampleLines(label: string, x: BehaviourExample): string[] {
  return [
    `  ${label}: ${inputWords(x.input)}${x.reachable ? '' : ' (latent: not every flag can be pending when the path begins)'}`,
    `    base:     ${x.baseShows}`,
    `    proposed: ${x.proposedShows}`,
    ...sideBySide(x.base, x.proposed).map((l) => `  ${l}`),
  ];
}

function behaviourLines(b: PathBehaviourDiff): string[] {
  const out = [
    b.differing === 0
      ? `${b.path}: the same behaviour on every input compared`
      : `${b.path}: ${b.differing} of ${b.groups} inputs behave differently, ${b.differingReachable} of them reachable`,
    `  compared ${b.groups} inputs (flags, syscall, events):`,
    `    ${b.exhaustive ? 'every one of ' : ''}${b.initialStates} without events${b.exhaustive ? ' (exhaustive)' : ' (bounded: at most two flags)'}`,
    `    ${b.withEvents} timings of one or two events or tracer decisions (bounded: both sides' small`,
    `    scope, each event at every step where either side lets it act)`,
  ];
  if (b.skippedFlags.length > 0)
    out.push(`  left out (only one side defines them): ${b.skippedFlags.join(' ')}`);
  if (b.smallest !== undefined) out.push(...exampleLines('smallest', b.smallest));
  if (b.smallestReachable !== undefined) out.push(...exampleLines('smallest reachable', b.smallestReachable));
  return out;
}

/**
 * What each side's model could not use or had to assume (a new flag's work, say), once: a note
 * both sides share is said once, else it is said with its side.
 */
function sideNotes(d: SubjectDiff): string[] {
  const base = d.base.notes;
  const proposed = d.proposed.notes;
  return [
    ...base.map((n) => (proposed.includes(n) ? n : `base: ${n}`)),
    ...proposed.filter((n) => !base.includes(n)).map((n) => `proposed: ${n}`),
  ];
}

export function diffText(d: SubjectDiff, settings: string, columns = 80): string {
  const out = [`tifcheck diff: base ${sideName(d.base)}, proposed ${sideName(d.proposed)}`];
  if (d.base.pathsFrom !== d.proposed.pathsFrom || d.base.kernel !== d.base.pathsFrom)
    out.push(`control flow: base from ${d.base.pathsFrom}, proposed from ${d.proposed.pathsFrom}`);
  out.push(...sideNotes(d).map((n) => `note: ${n}`));
  out.push(settings, '');
  const masks = changedMasks(d);
  out.push(masks.length === 0 ? 'masks: no mask changes value' : 'masks:');
  for (const m of masks) {
    const delta = [...m.added.map((f) => `+${f}`), ...m.removed.map((f) => `-${f}`)].join(' ');
    out.push(
      `  ${m.name}: ${m.before === undefined ? 'absent' : hex32(m.before)} -> ${m.after === undefined ? 'absent' : hex32(m.after)}${delta ? `  (${delta})` : ''}`,
    );
  }
  const fixed = d.verdicts.filter((v) => v.change === 'fixed');
  const broken = d.verdicts.filter((v) => v.change === 'broken');
  const unchanged = d.verdicts.filter((v) => v.change === 'unchanged');
  const still = unchanged.filter((v) => v.after === 'violated');
  out.push(
    '',
    `verdicts: ${fixed.length} fixed, ${broken.length} broken, ${unchanged.length} unchanged (${still.length} of them still violated)`,
  );
  const cls = (v: VerdictChange): string => ` (${SEVERITY[v.property]})`;
  for (const v of fixed) out.push(`  fixed     ${v.property}${cls(v)} on ${where(v)}`);
  for (const v of broken) {
    out.push(`  BROKEN    ${v.property}${cls(v)} on ${where(v)}`);
    const r = d.after.find((x) => placeKey(x) === placeKey(v));
    if (r !== undefined) out.push(...violationLines(d.proposed, r).map((l) => `            ${l}`));
    const f = d.fixes.find((x) => placeKey(x.target) === placeKey(v));
    for (const x of f?.fixes ?? [])
      out.push(`            repaired on top of it by ${x.edits.map((e) => `--edit '${e}'`).join(' ')}`);
  }
  for (const v of still)
    out.push(
      `  violated  ${v.property}${cls(v)} on ${where(v)}${v.newCounterexample === true ? ' (a different minimal counterexample)' : ''}`,
    );
  for (const v of d.verdicts.filter((x) => x.change === 'only-base' || x.change === 'only-proposed'))
    out.push(
      `  ${v.change === 'only-base' ? 'base only' : 'new'}  ${v.property} on ${where(v)}: ${v.before ?? v.after}`,
    );
  if (d.returnTests !== undefined) out.push('', ...returnTestsLines(d.returnTests));
  out.push('', 'behaviour (handler calls in order, the outcome, the return instruction, the flags left):');
  if (d.behaviour.length === 0) out.push('  no path is modelled on both sides');
  for (const b of d.behaviour) out.push(...behaviourLines(b).map((l) => `  ${l}`));
  return `${fitLines(out, columns).join('\n')}\n`;
}

function exampleJson(x: BehaviourExample): unknown {
  const side = (r: Run, shows: string) => ({
    outcome: r.outcome,
    ...(r.returned === undefined ? {} : { via: r.returned.via }),
    shows,
    trace: r.trace.map((e) => ({ label: e.state.label, calls: e.calls.map((c) => c.fn) })),
  });
  return {
    flags: x.input.flags,
    ...(x.input.kind === 0 && x.input.seccomp === 0
      ? {}
      : { syscall: kindName(x.input.kind), seccomp: seccompName(x.input.seccomp) }),
    events: x.input.events,
    reachable: x.reachable,
    base: side(x.base, x.baseShows),
    proposed: side(x.proposed, x.proposedShows),
  };
}

const sideJson = (s: Subject): unknown => ({
  kernel: s.kernel,
  pathsFrom: s.pathsFrom,
  edits: s.edits,
  notes: s.notes,
  ...(s.flagWork === undefined ? {} : { flagWork: s.flagWork }),
  ...(s.fred === true ? { fred: true } : {}),
});

/** The version of `tifcheck diff --json` (schemas/diff.schema.json). */
export const DIFF_SCHEMA = 'tifcheck-diff/1';

export function diffJson(d: SubjectDiff): unknown {
  const pick = (c: VerdictChange['change']) =>
    d.verdicts
      .filter((v) => v.change === c)
      .map((v) => ({ property: v.property, severity: SEVERITY[v.property], path: v.path }));
  return {
    schema: DIFF_SCHEMA,
    base: sideJson(d.base),
    proposed: sideJson(d.proposed),
    masks: changedMasks(d),
    fixed: pick('fixed'),
    broken: pick('broken'),
    verdicts: d.verdicts.map((v) => ({ ...v, severity: SEVERITY[v.property] })),
    fixes: d.fixes,
    ...(d.returnTests === undefined ? {} : { returnTests: returnTestsJson(d.returnTests) }),
    behaviour: d.behaviour.map((b) => ({
      path: b.path,
      initialStates: b.initialStates,
      exhaustive: b.exhaustive,
      withEvents: b.withEvents,
      compared: b.groups,
      differing: b.differing,
      differingReachable: b.differingReachable,
      skippedFlags: b.skippedFlags,
      ...(b.smallest === undefined ? {} : { smallest: exampleJson(b.smallest) }),
      ...(b.smallestReachable === undefined ? {} : { smallestReachable: exampleJson(b.smallestReachable) }),
    })),
  };
}

function returnTestsJson(r: ReturnTestsDiff): unknown {
  return {
    base: { rule: r.base, tests: ruleTests(r.base) },
    proposed: { rule: r.proposed, tests: ruleTests(r.proposed) },
    compared: r.compared,
    ...(r.differences === undefined
      ? {}
      : {
          differences: r.differences.map((x) => ({
            registers: describeFacts(x.facts),
            event: factsToken(x.facts),
            base: x.base,
            proposed: x.proposed,
            ...(x.baseFails === undefined ? {} : { baseFails: x.baseFails }),
            ...(x.proposedFails === undefined ? {} : { proposedFails: x.proposedFails }),
            sysret: x.sysret.fault ?? x.sysret.differs ?? 'same as IRET',
          })),
        }),
    replays: r.replays.map((x) => ({
      path: x.path,
      violatedOn: x.violatedOn,
      message: x.message,
      flags: x.input.flags,
      events: x.input.events,
      base: { outcome: x.base.outcome, via: x.base.returned?.via ?? null },
      proposed: { outcome: x.proposed.outcome, via: x.proposed.returned?.via ?? null },
    })),
  };
}

/**
 * `diff --format text`: a reply to a patch. What the change does to the masks and the verdicts in a
 * few lines, then for each property it breaks the full reply of counterexampleText; with nothing
 * broken, what it fixes and where it behaves differently.
 */
export function diffReplyText(d: SubjectDiff, broken: readonly CounterexampleDoc[]): string {
  const out: string[] = [];
  const breaks = d.verdicts.filter((v) => v.change === 'broken');
  const fixed = d.verdicts.filter((v) => v.change === 'fixed');
  const names = (vs: readonly VerdictChange[]) => vs.map((v) => `${v.property} on ${where(v)}`).join(', ');
  out.push(
    ...wrap(
      breaks.length === 0
        ? `${sideName(d.proposed)} breaks nothing that holds on ${sideName(d.base)}.`
        : `${sideName(d.proposed)} breaks ${breaks.length} ${breaks.length === 1 ? 'property' : 'properties'} that ${breaks.length === 1 ? 'holds' : 'hold'} on ${sideName(d.base)}: ${names(breaks)}.`,
    ),
    '',
  );
  const masks = changedMasks(d);
  out.push(masks.length === 0 ? 'No mask changes value.' : 'The masks it changes:');
  for (const m of masks) {
    const delta = [...m.added.map((f) => `+${f}`), ...m.removed.map((f) => `-${f}`)].join(' ');
    out.push(
      ...wrap(
        `${m.name}: ${m.before === undefined ? 'absent' : hex32(m.before)} -> ${m.after === undefined ? 'absent' : hex32(m.after)}${delta ? ` (${delta})` : ''}`,
        '    ',
        '  ',
      ),
    );
  }
  if (fixed.length > 0) out.push('', ...wrap(`It fixes ${names(fixed)}.`));
  const differing = d.behaviour.filter((b) => b.differing > 0);
  out.push(
    '',
    ...wrap(
      differing.length === 0
        ? 'Every path both sides model behaves the same on every input compared.'
        : `It changes behaviour (the calls made, the outcome, the return, the flags left) on ${differing.map((b) => `${b.path} (${b.differing} of ${b.groups} inputs, ${b.differingReachable} reachable)`).join(', ')}.`,
    ),
  );
  for (const n of sideNotes(d)) out.push('', ...wrap(`Note: ${n}`, '  '));
  const replies = broken.map((doc) => counterexampleText(doc));
  return `${[`${out.join('\n')}\n`, ...replies].join(`\n${'-'.repeat(MAIL_WIDTH)}\n\n`)}`;
}
