import { definePathProperty } from '../src/check/property.js';
import type { SyscallEntry } from '../src/kernels/behaviour/types.js';
import { fromSeed } from '../src/kernels/cite.js';
import { effectDifferences, entryEffects, singlePhaseEffects } from '../src/model/entryReference.js';
import { entryCount, PHASE1, PHASE2, phase1Answer } from '../src/model/state.js';

/**
 * The 2014 split was a speed-up: phase 1 on the partial frame, phase 2 only when phase 1 asks. Its
 * contract is that nothing observable changes. The reference is the single-phase
 * syscall_trace_enter it replaced, run on the same flags, seccomp outcome and tracer actions
 * (entryReference.ts); the comparison is made where the entry ends.
 */
export const twoPhaseEquivalent = definePathProperty({
  id: 'two-phase-equivalent',
  statement:
    'Phase 1 followed, when it asks, by phase 2 has the same observable effects as the single-phase syscall_trace_enter.',
  cite: fromSeed('000_51ffb311f1974474.txt (the two-phase series, July 2014) and 002_de78b7bca3d06c99.txt'),
  // From 4.8 (and under generic entry) there is one syscall_trace_enter again, ptrace before
  // seccomp: no phases to compare.
  appliesTo: (m, ctx) => m.wholeSyscall && hasPhases(ctx.input.behaviour.syscallEntry),
  onStep(ctx, before, b) {
    if (b.entryDone !== true) return undefined;
    return judge(before, entryEffects(before), singlePhaseEffects(ctx, before));
  },
  onStop(ctx, stopped) {
    if (stopped.kind !== 'bug') return undefined;
    return judge(stopped.state, entryEffects(stopped.state, 'bug'), singlePhaseEffects(ctx, stopped.state));
  },
});

/** The entries built of phases, and the single-phase one they are compared with. */
function hasPhases(entry: SyscallEntry | undefined): boolean {
  return entry !== undefined && entry.tracesys !== 'do-syscall-64';
}

function judge(
  s: Parameters<typeof phase1Answer>[0],
  actual: ReturnType<typeof entryEffects>,
  reference: ReturnType<typeof entryEffects>,
): string | undefined {
  const diffs = effectDifferences(actual, reference);
  if (actual.ended === 'bug' && reference.ended !== 'bug')
    diffs.push('the entry hit a BUG, the single-phase function does not');
  if (diffs.length === 0) return undefined;
  const phases =
    entryCount(s, PHASE1) > 0 && phase1Answer(s) === 'zero' && entryCount(s, PHASE2) > 0
      ? 'phase 2 ran although phase 1 answered 0; '
      : '';
  return `${phases}${diffs.join('; ')}`;
}
