import type { ModelContext } from '../context.js';
import { alternatives, note, type Pending, update } from '../pending.js';

/**
 * The task stops for its tracer: the tracer may change pt_regs and resume it in any ptrace mode.
 * From 3.16 (b9cd18de4db3) the stop also forces the next exit through IRET by setting NOTIFY_RESUME.
 */
export function ptraceStop<L extends string>(p: Pending<L>, ctx: ModelContext, why: string): Pending<L>[] {
  let q = note(update(p, { regsChanged: true }), `ptrace stop (${why}): the tracer may change pt_regs`);
  if (ctx.input.behaviour.forceIretAfterPtraceStop) {
    q = note(
      update(q, { flags: (q.s.flags | ctx.bit('NOTIFY_RESUME')) >>> 0 }),
      'force_iret(): NOTIFY_RESUME set',
    );
  }
  return alternatives(q, 'ptrace-stop', ctx);
}
