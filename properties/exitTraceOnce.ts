import { definePathProperty } from '../src/check/property.js';
import { readIn } from '../src/kernels/cite.js';
import { doneCount, EXIT_WORK, type ExitWork, pastOnceBits } from '../src/model/state.js';
import { stateAfter } from '../src/model/transition.js';

const WORKS: readonly ExitWork[] = [0, 1, 2];
const PAST_ONCE = pastOnceBits(WORKS);

/**
 * syscall_trace_leave's work — the audit exit, the exit tracepoint, the ptrace exit report (or the
 * single-step SIGTRAP) — once per syscall. The audit exit counts when it ends a record: a second
 * call finds nothing in flight and does nothing (kernel-facts.md §5).
 */
export const exitTraceOnce = definePathProperty({
  id: 'exit-trace-once',
  statement:
    'syscall_trace_leave (ptrace exit stop, audit exit, tracepoint) runs at most once per syscall, and exactly once when its flags were set.',
  cite: readIn('arch/x86/kernel/ptrace.c syscall_trace_leave and entry_64.S int_check_syscall_exit_work'),
  appliesTo: (m) => m.isSyscall,
  onStep(_ctx, _before, b) {
    const after = stateAfter(b);
    if ((after.done & PAST_ONCE) === 0) return undefined;
    const twice = WORKS.find((w) => doneCount(after, w) > 1);
    return twice === undefined ? undefined : `the ${EXIT_WORK[twice]} ran twice for one syscall`;
  },
  onReturn(_ctx, r) {
    const missing = WORKS.filter((w) => (r.state.owed & (1 << w)) !== 0 && doneCount(r.state, w) === 0);
    return missing.length === 0
      ? undefined
      : `returned by ${r.via} without the ${missing.map((w) => EXIT_WORK[w]).join(' or ')} its flags asked for`;
  },
});
