import type { PathId } from '../kernels/pathId.js';
import { compareBehaviour, type PathBehaviourDiff } from './behaviourDiff.js';
import { type FixSearch, suggestFixes } from './fixes.js';
import type { JobRunner } from './pathJobs.js';
import { NO_PROGRESS, type Progress } from './progress.js';
import type { Property } from './property.js';
import type { PropertyId } from './propertyId.js';
import { type CheckResult, placeKey, type Verdict } from './result.js';
import { compareReturnTests, type ReturnTestsDiff } from './returnTestsDiff.js';
import type { Subject } from './subject.js';
import { IN_PROCESS, type VerifyOptions, verifyInputs } from './verify.js';

/**
 * What a change does to one property on one path: `fixed` (violated before, holds after), `broken`
 * (the reverse), `unchanged`, or only one side models the path.
 */
export type Change = 'fixed' | 'broken' | 'unchanged' | 'only-base' | 'only-proposed';

export interface VerdictChange {
  readonly property: PropertyId;
  readonly path: PathId | null;
  readonly before?: Verdict;
  readonly after?: Verdict;
  readonly change: Change;
  /** Still violated on both sides, but by a different minimal input. */
  readonly newCounterexample?: boolean;
}

export interface SubjectDiff {
  readonly base: Subject;
  readonly proposed: Subject;
  readonly before: readonly CheckResult[];
  readonly after: readonly CheckResult[];
  readonly verdicts: readonly VerdictChange[];
  /** Per path both sides model. */
  readonly behaviour: readonly PathBehaviourDiff[];
  /** For each property the change breaks: the mask edits, on top of it, that repair it. */
  readonly fixes: readonly FixSearch[];
  /** Where the two sides decide between SYSRET and IRET differently. */
  readonly returnTests?: ReturnTestsDiff;
}

/** How a diff runs: progress, the runner of its verifications, and whether it searches fixes. */
export interface DiffSettings {
  readonly progress?: Progress;
  readonly runner?: JobRunner;
  /** Search mask edits that repair what the change breaks (by default, yes). */
  readonly fixes?: boolean;
}

/** Every property before and after, and the behaviour of every path both sides model. */
export function diffSubjects(
  base: Subject,
  proposed: Subject,
  properties: readonly Property[],
  options: VerifyOptions,
  settings: DiffSettings = {},
): SubjectDiff {
  const { progress = NO_PROGRESS, runner = IN_PROCESS } = settings;
  const [before = [], after = []] = verifyInputs(
    [base.input, proposed.input],
    properties,
    options,
    progress,
    runner,
  );
  const afterBy = new Map(after.map((r) => [placeKey(r), r]));
  const beforeBy = new Map(before.map((r) => [placeKey(r), r]));
  const verdicts: VerdictChange[] = [];
  for (const b of before) {
    const a = afterBy.get(placeKey(b));
    if (a === undefined) {
      verdicts.push({ property: b.property, path: b.path, before: b.verdict, change: 'only-base' });
      continue;
    }
    const change: Change =
      b.verdict === a.verdict ? 'unchanged' : b.verdict === 'violated' ? 'fixed' : 'broken';
    const moved =
      change === 'unchanged' && b.verdict === 'violated' && inputText(b) !== inputText(a)
        ? { newCounterexample: true }
        : {};
    verdicts.push({
      property: b.property,
      path: b.path,
      before: b.verdict,
      after: a.verdict,
      change,
      ...moved,
    });
  }
  for (const a of after)
    if (!beforeBy.has(placeKey(a)))
      verdicts.push({ property: a.property, path: a.path, after: a.verdict, change: 'only-proposed' });
  const paths = base.input.behaviour.paths.filter(
    (p) =>
      proposed.input.behaviour.paths.includes(p) &&
      (options.paths === undefined || options.paths.includes(p)),
  );
  const behaviour = paths.map((p, i) => {
    progress.step(i, paths.length, `behaviour of ${p}`, 0);
    return compareBehaviour(base.input, proposed.input, p);
  });
  const broken = new Set(verdicts.filter((v) => v.change === 'broken').map(placeKey));
  const fixes =
    settings.fixes === false
      ? []
      : suggestFixes(proposed, after, properties, options, (r) => broken.has(placeKey(r)), progress, runner);
  const returnTests = compareReturnTests(base, proposed, before, after);
  return {
    base,
    proposed,
    before,
    after,
    verdicts,
    behaviour,
    fixes,
    ...(returnTests === undefined ? {} : { returnTests }),
  };
}

/** A counterexample's input in words the two sides share (bit numbers may differ). */
function inputText(r: CheckResult): string {
  const c = r.counterexample;
  if (c === undefined) return '';
  const last = c.run.trace[c.run.trace.length - 1];
  return `${c.root.kind} ${c.root.seccomp} ${c.events.map((e) => `${e.id}@${e.at}`).join(',')} ${c.message} ${last?.state.label ?? ''}`;
}
