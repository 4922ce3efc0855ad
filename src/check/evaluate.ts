import type { ModelContext } from '../model/context.js';
import type { Run } from '../model/run.js';
import type { PathProperty } from './property.js';

export interface Violation {
  readonly message: string;
  /** The trace index of the step that broke the property (the last step for a return or a lasso). */
  readonly step: number;
}

/** Judges one run by a property's local checks, exactly as the explorer judges each transition. */
export function evaluateRun(prop: PathProperty, ctx: ModelContext, run: Run): Violation | undefined {
  for (const [i, e] of run.trace.entries()) {
    const branch = { next: e.after, notes: null, calls: e.calls, events: e.events };
    const msg = prop.onStep?.(ctx, e.state, e.entryDone === true ? { ...branch, entryDone: true } : branch);
    if (msg !== undefined) return { message: msg, step: i };
  }
  const last = run.trace.length - 1;
  if (run.outcome === 'returned' && run.returned !== undefined) {
    const msg = prop.onReturn?.(ctx, run.returned);
    return msg === undefined ? undefined : { message: msg, step: last };
  }
  if (run.stopped !== undefined) {
    const msg = prop.onStop?.(ctx, run.stopped);
    return msg === undefined ? undefined : { message: msg, step: last };
  }
  if (!prop.violatedByNoReturn) return undefined;
  if (run.outcome === 'livelock') {
    const at = run.trace[run.cycleStart ?? 0]?.state.label ?? '?';
    return {
      message: `never returns: the state at ${at} repeats with no event left to fire (livelock)`,
      step: last,
    };
  }
  return {
    message: `no return within ${run.trace.length} steps (the step limit, a safety net, not a proof)`,
    step: last,
  };
}
