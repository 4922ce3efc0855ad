import { definePathProperty } from '../src/check/property.js';
import { readIn } from '../src/kernels/cite.js';
import {
  AUDIT_ENTRY,
  ENTRY_REPORT,
  ENTRY_TRACEPOINT,
  ENTRY_WORK,
  entryCount,
  pastOnceBits,
  SECCOMP_RAN,
} from '../src/model/state.js';
import { stateAfter } from '../src/model/transition.js';

const ONCE = [SECCOMP_RAN, ENTRY_REPORT, ENTRY_TRACEPOINT, AUDIT_ENTRY] as const;
const PAST_ONCE = pastOnceBits(ONCE);

/**
 * Each piece of entry work is an event someone outside the kernel sees (a filter run, a tracer
 * stop, a trace record, an audit record); a syscall that produces two of one is a bug even where
 * nothing crashes.
 */
export const entryWorkOnce = definePathProperty({
  id: 'entry-work-once',
  statement:
    'Seccomp, the ptrace entry stop, the tracepoint and audit entry each run at most once per syscall.',
  cite: readIn(
    'arch/x86/kernel/ptrace.c syscall_trace_enter and its phases; seed 002, the second audit entry',
  ),
  appliesTo: (m) => m.wholeSyscall,
  onStep(_ctx, _before, b) {
    const after = stateAfter(b);
    if ((after.entry & PAST_ONCE) === 0) return undefined;
    const twice = ONCE.find((w) => entryCount(after, w) > 1);
    return twice === undefined ? undefined : `${ENTRY_WORK[twice]} ran twice for one syscall`;
  },
});
