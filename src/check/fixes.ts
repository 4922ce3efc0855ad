import { decompose } from '../flags/decompose.js';
import { makeContext } from '../model/context.js';
import { pathMasks } from '../model/machine.js';
import { machineFor } from '../model/machines/registry.js';
import { run } from '../model/run.js';
import { evaluateRun } from './evaluate.js';
import { singleFlagEdits } from './maskEdits.js';
import type { JobRunner } from './pathJobs.js';
import { NO_PROGRESS, type Progress, statesOf } from './progress.js';
import type { PathProperty, Property } from './property.js';
import { type CheckResult, type Place, placeKey } from './result.js';
import { editSubject, type Subject } from './subject.js';
import { IN_PROCESS, type VerifyOptions, verifyContext } from './verify.js';

/** Mask edits that make a violated property hold and break nothing that held. */
export interface Fix {
  readonly edits: readonly string[];
  /** Every violation the edits fix, the searched one included. */
  readonly fixes: readonly Place[];
}

export interface FixSearch {
  readonly target: Place;
  /** Best first: the fewest edits, then the most violations fixed. */
  readonly fixes: readonly Fix[];
  /** Candidate edit sets tried, and how many of them went through the whole verification. */
  readonly tried: number;
  readonly verified: number;
  /** Why nothing was searched (a mask lint; a run that no flag takes part in). */
  readonly none?: string;
}

/**
 * How many edit sets at most get the whole verification, per violation and in all (each costs a
 * verify of the subject); when the budget is spent the search says so rather than going on.
 */
const MAX_VERIFIED = 6;
const MAX_VERIFIED_TOTAL = 16;
const MAX_FIXES = 3;

/**
 * For each violated property of a path: the smallest mask edits (add or remove one flag in one
 * mask, then two such edits) that make it hold without turning any property that held into a
 * violation, on the paths and with the search settings of the verification. Candidates are only
 * the masks the path tests and the flags set at some step of the counterexample's run: a flag the
 * run never has cannot change any test it makes, so no edit of it can fix that run. A candidate
 * must first make the counterexample itself pass (one run), then pass the whole verification.
 */
export function suggestFixes(
  subject: Subject,
  results: readonly CheckResult[],
  properties: readonly Property[],
  options: VerifyOptions,
  only: (r: CheckResult) => boolean = () => true,
  progress: Progress = NO_PROGRESS,
  runner: JobRunner = IN_PROCESS,
): FixSearch[] {
  const held = new Set(results.filter((r) => r.verdict === 'holds').map(placeKey));
  const violated = results.filter((r) => r.verdict === 'violated');
  const verdicts = new Map<string, readonly CheckResult[] | undefined>();
  let refused = 0;
  let states = 0;
  const verifyWith = (edits: readonly string[]): readonly CheckResult[] | undefined => {
    const key = [...edits].sort().join(' ');
    if (verdicts.has(key)) return verdicts.get(key);
    if (verdicts.size >= MAX_VERIFIED_TOTAL) {
      refused++;
      return undefined;
    }
    // A count, not a fraction: the cap is not how many there will be, and an edit is too long to show.
    progress.step(verdicts.size, 0, 'fix search: verifying candidates', states);
    const s = editSubject(subject, edits);
    const out = s.ok
      ? verifyContext(makeContext(s.value.input), properties, options, NO_PROGRESS, runner)
      : undefined;
    states += statesOf(out ?? []);
    verdicts.set(key, out);
    return out;
  };
  // The edits pass if, after them, the violation holds and nothing that held is violated.
  const accepted = (edits: readonly string[], r: CheckResult): Fix | undefined => {
    const after = verifyWith(edits);
    if (after === undefined) return undefined;
    if (after.some((x) => x.verdict === 'violated' && held.has(placeKey(x)))) return undefined;
    const now = new Set(after.filter((x) => x.verdict === 'holds').map(placeKey));
    if (!now.has(placeKey(r))) return undefined;
    const fixed = violated.filter((x) => now.has(placeKey(x)));
    return { edits, fixes: fixed.map((x) => ({ property: x.property, path: x.path })) };
  };
  const dead = new Map<string, number>();
  for (const r of violated)
    for (const m of r.counterexample?.masks ?? []) dead.set(m.name, ((dead.get(m.name) ?? 0) | m.bits) >>> 0);
  const lintEdits = [...dead].map(([name, bits]) => `${name}=${namedOnly(subject, name, bits)}`);
  const outOfBudget = `the budget of ${MAX_VERIFIED_TOTAL} whole verifications ran out`;
  return violated.filter(only).map((r): FixSearch => {
    const refusedBefore = refused;
    const target = { property: r.property, path: r.path };
    const prop = properties.find((p): p is PathProperty => p.id === r.property && p.kind === 'path');
    const c = r.counterexample;
    if (c?.masks !== undefined) {
      // A mask lint: the fix is each mask spelled with the flags it names, nothing else; one edit
      // set for every lint finding, so the paths that share a mask share the fix.
      const fix = accepted(lintEdits, r);
      return {
        target,
        fixes: fix === undefined ? [] : [fix],
        tried: 1,
        verified: 1,
        ...(refused > refusedBefore ? { none: outOfBudget } : {}),
      };
    }
    if (prop === undefined || r.path === null || c === undefined)
      return { target, fixes: [], tried: 0, verified: 0, none: 'no path to search' };
    const machine = machineFor(subject.input.behaviour.exitModel, r.path);
    if (machine === undefined) return { target, fixes: [], tried: 0, verified: 0, none: 'path not modelled' };
    let seen = 0;
    let seenWork = 0;
    for (const e of c.run.trace) {
      seen |= e.state.flags;
      seenWork |= e.state.syscallWork;
    }
    if (c.run.returned !== undefined) {
      seen |= c.run.returned.state.flags;
      seenWork |= c.run.returned.state.syscallWork;
    }
    const setIn = (v: number) => (f: { readonly bit: number }) => (v & ((1 << f.bit) >>> 0)) !== 0;
    const flags = subject.input.table.flags.filter(setIn(seen));
    const workFlags = (subject.input.workTable?.flags ?? []).filter(setIn(seenWork));
    const singles = singleFlagEdits(
      subject,
      pathMasks(machine, subject.input.behaviour).filter((m) => subject.masks.has(m)),
      flags,
      workFlags,
    );
    if (singles.length === 0)
      return {
        target,
        fixes: [],
        tried: 0,
        verified: 0,
        none: 'no flag is set at any step of the counterexample, so no mask edit changes its run',
      };
    // The counterexample's own run, on the edited masks: the cheap first test.
    const passesRun = (edits: readonly string[]): boolean => {
      const s = editSubject(subject, edits);
      if (!s.ok) return false;
      const ctx = makeContext(s.value.input, r.path ?? undefined);
      return evaluateRun(prop, ctx, run(machine, ctx, c.root, c.events, undefined, false)) === undefined;
    };
    const pairs = singles.flatMap((a, i) => singles.slice(i + 1).map((b) => [a, b]));
    let tried = 0;
    let verified = 0;
    const fixes: Fix[] = [];
    for (const tier of [singles.map((e) => [e]), pairs]) {
      for (const edits of tier) {
        if (verified >= MAX_VERIFIED) break;
        tried++;
        if (!passesRun(edits)) continue;
        verified++;
        const fix = accepted(edits, r);
        if (fix !== undefined) fixes.push(fix);
      }
      if (fixes.length > 0) break;
    }
    fixes.sort((a, b) => a.edits.length - b.edits.length || b.fixes.length - a.fixes.length);
    const spent =
      fixes.length > 0
        ? {}
        : refused > refusedBefore
          ? { none: outOfBudget }
          : verified >= MAX_VERIFIED
            ? {
                none: `none of the first ${MAX_VERIFIED} candidates that pass its run (of ${tried} tried) holds without breaking a property that holds; the search stopped there`,
              }
            : {};
    return { target, fixes: fixes.slice(0, MAX_FIXES), tried, verified, ...spent };
  });
}

/** A mask's value without the given bits, as an OR of the flags it names (`0` if none). */
function namedOnly(subject: Subject, mask: string, dead: number): string {
  const value = ((subject.input.masks.get(mask) ?? 0) & ~dead) >>> 0;
  const names = decompose(value, subject.input.table).flags.map((n) => `_TIF_${n}`);
  return names.length === 0 ? '0' : names.join('|');
}
