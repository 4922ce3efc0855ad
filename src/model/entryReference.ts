import type { ModelContext } from './context.js';
import { recordedStops } from './handlers/entryStop.js';
import { singlePhaseComplete } from './handlers/syscallTraceEnter.js';
import { begin } from './pending.js';
import {
  AUDIT_ENTRY,
  copyState,
  ENTRY_REPORT,
  ENTRY_TRACEPOINT,
  type EntryWork,
  entryCount,
  type ModelState,
  SECCOMP_RAN,
} from './state.js';

/** What a syscall's entry work did, as far as anyone outside the kernel can tell. */
export interface EntryEffects {
  readonly counts: Readonly<Record<'seccomp' | 'report' | 'tracepoint' | 'audit', number>>;
  /** The syscall body is not run (orig_ax = -1). */
  readonly skipped: boolean;
  /** The entry ended the run: the task was killed, or a BUG fired. */
  readonly ended?: 'bug' | 'exited';
}

const WORKS: Readonly<Record<keyof EntryEffects['counts'], EntryWork>> = {
  seccomp: SECCOMP_RAN,
  report: ENTRY_REPORT,
  tracepoint: ENTRY_TRACEPOINT,
  audit: AUDIT_ENTRY,
};

export function entryEffects(s: ModelState, ended?: 'bug' | 'exited'): EntryEffects {
  const counts = {
    seccomp: entryCount(s, WORKS.seccomp),
    report: entryCount(s, WORKS.report),
    tracepoint: entryCount(s, WORKS.tracepoint),
    audit: entryCount(s, WORKS.audit),
  };
  return ended === undefined ? { counts, skipped: s.nrSkip } : { counts, skipped: s.nrSkip, ended };
}

/**
 * What the single-phase syscall_trace_enter (the function before the 2014 split) would have done
 * for the same syscall: from the flags it entered with, with the same seccomp outcome, and with the
 * tracer doing at each of its stops what the tracer did at the stops of the run being judged
 * (`s.entryEvents`). `s` is the state at which that run's entry work ended.
 */
export function singlePhaseEffects(ctx: ModelContext, s: ModelState): EntryEffects {
  let memo = cache.get(ctx);
  if (memo === undefined) {
    memo = new Map();
    cache.set(ctx, memo);
  }
  const key = `${s.entryFlags},${s.kind},${s.seccomp},${s.entryEvents}`;
  let e = memo.get(key);
  if (e === undefined) {
    e = replaySinglePhase(ctx, s);
    memo.set(key, e);
  }
  return e;
}

/** Per context (a kernel and path): the reference's answer for each input, as it is asked often. */
const cache = new WeakMap<ModelContext, Map<string, EntryEffects>>();

function replaySinglePhase(ctx: ModelContext, s: ModelState): EntryEffects {
  // Written field by field on a copy, not spread: a spread gives the state another shape, and the
  // model's functions, seeing two, ran a sixth slower for the rest of the search (v4.x whole
  // syscalls, node --cpu-prof).
  const start = copyState(s);
  start.flags = s.entryFlags;
  start.entry = 0;
  start.nrSkip = false;
  start.auditInSyscall = false;
  start.regsChanged = false;
  start.entryEvents = 0;
  start.fullFrame = true;
  start.topOfStack = true;
  const outcomes = singlePhaseComplete(begin(start), ctx);
  const actual = recordedStops(ctx, s.entryEvents);
  let best = outcomes[0];
  let bestScore = -1;
  for (const q of outcomes) {
    const score = agreement(recordedStops(ctx, q.s.entryEvents), actual);
    if (score > bestScore) {
      best = q;
      bestScore = score;
    }
  }
  if (best === undefined) throw new Error('syscall_trace_enter has no outcome');
  return entryEffects(best.s, best.halt?.kind);
}

/**
 * How well a reference outcome follows the tracer of the run being judged: its stops should get
 * the same actions as the run's stops, in order; a stop the run did not make gets none (the
 * tracer just resumes), and actions at stops the reference does not make have nothing to act on.
 * Where an action could not act at the reference's stop (it would change nothing there), the
 * outcome that agrees at the most stops is taken.
 */
function agreement(reference: readonly string[][], actual: readonly string[][]): number {
  const same = reference.filter((acts, i) => acts.join(',') === (actual[i] ?? []).join(',')).length;
  return same === reference.length ? Number.MAX_SAFE_INTEGER : same;
}

/** The differences between two entries' effects, in words; empty if they agree. */
export function effectDifferences(actual: EntryEffects, reference: EntryEffects): string[] {
  const out: string[] = [];
  const names = {
    seccomp: 'seccomp',
    report: 'the ptrace entry report',
    tracepoint: 'trace_sys_enter',
    audit: 'audit entry',
  };
  const times = (n: number) => (n === 0 ? 'not at all' : n === 1 ? 'once' : 'twice');
  for (const k of Object.keys(names) as (keyof typeof names)[]) {
    if (actual.counts[k] !== reference.counts[k])
      out.push(
        `${names[k]} ran ${times(actual.counts[k])}, the single-phase function runs it ${times(reference.counts[k])}`,
      );
  }
  if (actual.ended === undefined && reference.ended === undefined && actual.skipped !== reference.skipped)
    out.push(
      actual.skipped
        ? 'the syscall is cancelled, the single-phase function runs it'
        : 'the syscall runs, the single-phase function cancels it',
    );
  return out;
}
