import { defineKernelProperty } from '../src/check/property.js';
import { WORDS } from '../src/flags/words.js';
import { inferred } from '../src/kernels/cite.js';
import { exprMisuses, operandMisuse, testOf } from '../src/model/operands.js';

/**
 * The classic C slip no type catches: `ti_work & TIF_X` (a bit number where a mask belongs) or
 * `test_thread_flag(_TIF_X)` (the reverse). Both compile and test the wrong bits. The model keeps
 * each operand as the code spells it and evaluates it as C would, so a slip shows up twice: here,
 * as the spelling, and in the path properties, as the work it skips.
 */
export const flagOperand = defineKernelProperty({
  id: 'flag-operand',
  statement:
    'Every flag operation the modelled code writes takes the operand its operation needs: a _TIF_X mask where it combines a flags word, a TIF_X bit number where it names a bit, in the work loops and in the mask definitions (a lint, not a bug).',
  cite: inferred(
    'issue 19 (the TIF_X / _TIF_X confusion), and the form of NOHZ some 2015 postings wrote: work &= ~TIF_NOHZ',
  ),
  check(ctx, maskNames) {
    const b = ctx.input.behaviour;
    const steps = [...b.doNotifyResume, ...(b.afterExitLoop ?? [])];
    const found: { name: string; bits: number; what: string }[] = [];
    for (const st of steps) {
      const why = operandMisuse(testOf(st));
      if (why !== undefined)
        found.push({ name: st.callee, bits: ctx.bit(st.flag), what: `${st.callee}'s test: ${why}` });
    }
    // The operations of 6.19's rseq exit step and 7.1's hrtimer rearm, as written.
    const ops = [
      b.rseq === undefined
        ? undefined
        : { fn: 'rseq_exit_to_user_mode_restart', op: b.rseq.test, flag: 'RSEQ' },
      b.hrtimerRearm === undefined
        ? undefined
        : { fn: 'hrtimer_rearm_deferred_user_irq', op: b.hrtimerRearm.localClear, flag: 'HRTIMER_REARM' },
    ];
    for (const o of ops) {
      const why = o === undefined ? undefined : operandMisuse(o.op);
      if (o !== undefined && why !== undefined)
        found.push({ name: o.fn, bits: ctx.bit(o.flag), what: `${o.fn}: ${why}` });
    }
    if (b.syscallEntry?.phase1Nohz === 'bit-number')
      found.push({
        name: 'syscall_trace_enter_phase1',
        bits: ctx.bit('NOHZ'),
        what: 'syscall_trace_enter_phase1: work &= ~TIF_NOHZ, a bit number where a mask belongs',
      });
    const prefix = { bit: WORDS.flags.bitPrefix, value: WORDS.flags.valuePrefix };
    for (const name of maskNames) {
      const e = ctx.input.maskExprs?.get(name);
      if (e === undefined) continue;
      for (const what of exprMisuses(e, prefix))
        found.push({ name, bits: ctx.mask(name), what: `${name}: ${what}` });
    }
    if (found.length === 0) return undefined;
    return {
      message: found.map((f) => f.what).join('; '),
      masks: found.map((f) => ({ name: f.name, bits: f.bits })),
    };
  },
});
