import type { ModelContext } from './context.js';
import { type ReturnRule, readClassifiers, slowPathRule } from './handlers/returnDecision.js';
import type { Machine } from './machine.js';
import {
  ALL_FACT_TOKENS,
  factsOf,
  fastSyscall,
  isKnown,
  SYSCALL_REGS,
  withFastSyscall,
  writerOf,
  written,
} from './registers.js';

/**
 * pt_regs as the explorer keys states by them. Past the labels from which the fast path's plain
 * SYSRET is still ahead (Machine.plainSysretFrom), only the machine's own return rule reads them,
 * so two values it cannot tell apart behave alike: where the rule is IRET they are dead (one value
 * for all), elsewhere the smallest value of the same class stands for the class, and of the free
 * writers only the set of values they may leave counts (the interrupted user's, or anyone's).
 * The model keeps the real values, so traces still show them. Checked against the step functions
 * by properties/deadRegisters.test.ts.
 */
export function ptRegsCanon(m: Machine, ctx: ModelContext): (label: string, regs: number) => number {
  const live = m.plainSysretFrom;
  if (live === undefined) return (_label, regs) => regs;
  const ahead: ReadonlySet<string> = new Set(live);
  const rule: ReturnRule = m.returnRule?.(ctx) ?? slowPathRule(ctx.input.behaviour);
  if (rule === 'iret') return (label, regs) => (ahead.has(label) ? regs : SYSCALL_REGS);
  const classify = readClassifiers(rule);
  const key = (f: number) => classify.map((c) => c(f)).join('|');
  const smallest = new Map<string, number>();
  for (const { facts } of ALL_FACT_TOKENS) {
    const k = key(facts);
    if (!smallest.has(k)) smallest.set(k, facts);
  }
  const memo = new Map<number, number>();
  return (label, regs) => {
    if (ahead.has(label)) return regs;
    let c = memo.get(regs);
    if (c === undefined) {
      const rep = smallest.get(key(factsOf(regs))) ?? factsOf(regs);
      const known = written(0, 'syscall', rep);
      const canon = isKnown(regs)
        ? known
        : writerOf(regs) === 'user'
          ? written(0, 'user', rep)
          : written(known, 'tracer');
      c = withFastSyscall(canon, fastSyscall(regs));
      memo.set(regs, c);
    }
    return c;
  };
}
