import { match } from 'ts-pattern';
import type { ModelContext } from '../context.js';
import { called, halt, note, type Pending, update } from '../pending.js';
import { countEntry, SECCOMP_OUTCOMES, SECCOMP_RAN } from '../state.js';
import { entryStop } from './entryStop.js';

/**
 * Seccomp's filter decision for this syscall (the root's seccomp outcome) and what it does at once:
 * ERRNO and TRAP cancel the syscall (TRAP also forces SIGSYS), KILL ends the task, ALLOW lets it
 * run, TRACE hands it to the tracer. kernel/seccomp.c __secure_computing (3.x) and
 * seccomp_phase1 (3.18-4.7) decide alike; they differ in what the caller does next.
 */
export type FilterResult = 'allow' | 'skip' | 'trace';

export function runFilter<L extends string>(
  p: Pending<L>,
  ctx: ModelContext,
  fn: string,
): { p: Pending<L>; result: FilterResult } {
  const outcome = SECCOMP_OUTCOMES[p.s.seccomp] ?? 'allow';
  const q = update(called(p, fn, false), { entry: countEntry(p.s.entry, SECCOMP_RAN) });
  return match(outcome)
    .with('allow', () => ({ p: note(q, `${fn}: the filter allows the syscall`), result: 'allow' as const }))
    .with('errno', () => ({
      p: note(
        update(q, { nrSkip: true }),
        `${fn}: SECCOMP_RET_ERRNO, the syscall is cancelled (orig_ax = -1)`,
      ),
      result: 'skip' as const,
    }))
    .with('trap', () => ({
      p: note(
        update(q, { nrSkip: true, flags: (q.s.flags | ctx.bit('SIGPENDING')) >>> 0 }),
        `${fn}: SECCOMP_RET_TRAP, SIGSYS forced (SIGPENDING set), the syscall is cancelled`,
      ),
      result: 'skip' as const,
    }))
    .with('kill', () => ({
      p: halt(q, { kind: 'exited', at: fn, what: 'SECCOMP_RET_KILL: do_exit(SIGSYS)' }),
      result: 'skip' as const,
    }))
    .with('trace', () => ({
      p: note(q, `${fn}: SECCOMP_RET_TRACE, the tracer decides`),
      result: 'trace' as const,
    }))
    .exhaustive();
}

/**
 * The PTRACE_EVENT_SECCOMP stop of a TRACE result (in __secure_computing, or seccomp_phase2): the
 * tracer may cancel the syscall; afterwards a cancelled syscall counts as a seccomp failure.
 */
export function seccompTraceStop<L extends string>(p: Pending<L>, ctx: ModelContext): Pending<L>[] {
  return entryStop(p, ctx, 'PTRACE_EVENT_SECCOMP');
}
