import { match } from 'ts-pattern';
import type { Behaviour } from '../../kernels/behaviour/types.js';
import { note, type Pending, returnToUser } from '../pending.js';
import { factsOf, fastSyscall } from '../registers.js';
import {
  CHECKS_4_0,
  CHECKS_4_0_RF,
  CHECKS_4_4,
  CHECKS_C,
  failedCheck,
  type RcxFrom,
  type SysretCheck,
  sysretAgainstIret,
  sysretlAgainstIret,
} from '../returnInstructions.js';
import type { Branch } from '../transition.js';
import { passOrFail, passOrFailCompat, readRegs } from './registers.js';

/**
 * How a return point goes back to user mode (kernel-facts.md §6):
 * - `sysret`: SYSRET without looking at pt_regs, RCX loaded from the saved RIP (3.x sysret_check);
 * - `sysret-eflags`: the same with R11 loaded from the saved RFLAGS (the 4.x fast path);
 * - `iret`: IRET;
 * - `checks-4.0-rf`, `checks-4.0`, `checks-4.4`, `checks-c`: SYSRET when the era's register tests
 *   pass, else IRET;
 * - `{ sysretl: checks }`: the compat return, do_fast_syscall_32's tests (CHECKS_COMPAT), SYSRETL
 *   when they pass, else IRET; the tests are data so that a proposed change to them can be checked;
 * - `status-flag`: SYSRET while TS_FASTSYSCALL is set (seed 001), else IRET;
 * - `eretu`: FRED's ERETU, whatever the tests would have answered (`Behaviour.fred`).
 */
export type SlowPathRule =
  | 'sysret'
  | 'sysret-eflags'
  | 'iret'
  | 'checks-4.0-rf'
  | 'checks-4.0'
  | 'checks-4.4'
  | 'checks-c'
  | 'status-flag'
  | 'eretu';
export type ReturnRule = SlowPathRule | CompatRule;

/**
 * The compat return: SYSRETL when every one of `sysretl` passes; with `statusFlag` (seed 001's
 * design, `v4.4-status-flag`), SYSRETL while TS_FASTSYSCALL is set, the tests having run in
 * force_iret().
 */
export interface CompatRule {
  readonly sysretl: readonly SysretCheck[];
  readonly statusFlag?: boolean;
}

/** The compat rule of a kernel with these tests. */
export function compatRule(b: Behaviour, sysretl: readonly SysretCheck[]): CompatRule {
  return b.opportunisticSysret === 'status-flag' ? { sysretl, statusFlag: true } : { sysretl };
}

const SLOW_PATH_RULE = {
  none: 'iret',
  'retint-rf': 'checks-4.0-rf',
  'retint-4.0': 'checks-4.0',
  'syscall-4.4': 'checks-4.4',
  'syscall-c': 'checks-c',
  'status-flag': 'status-flag',
} as const satisfies Record<Behaviour['opportunisticSysret'], SlowPathRule>;

/** The rule of a slow path's return, by what the kernel does there. */
export function slowPathRule(b: Behaviour): SlowPathRule {
  return b.fred === 'on' ? 'eretu' : SLOW_PATH_RULE[b.opportunisticSysret];
}

/** A return rule, or ERETU where the model runs with FRED (every return of every path). */
export const underFred = (b: Behaviour, rule: ReturnRule): ReturnRule => (b.fred === 'on' ? 'eretu' : rule);

/** What a SYSRET with these facts does against IRET, as a class name for readRegs. */
const sysretClass = (facts: number, from: RcxFrom): string => {
  const o = sysretAgainstIret(facts, from);
  return `sysret ${o.fault ?? o.differs ?? 'same'}`;
};

/** Classifiers made once, so that readRegs can remember its answers per classifier. */
const plainSysret = (f: number): string => sysretClass(f, 'rip');
const eflagsSysret = (f: number): string => sysretClass(f, 'rip-eflags');
const frameSysret = (f: number): string => sysretClass(f, 'frame');
const sysretlClass = (f: number): string => {
  const o = sysretlAgainstIret(f);
  return `sysretl ${o.differs ?? 'same'}`;
};
/**
 * The classifier of a list of tests, made once per list (readRegs remembers its answers per
 * classifier): values the tests refuse are one class, IRET; the rest are told apart by what the
 * SYSRET (or, for the compat tests, SYSRETL) they allow does against IRET.
 */
const classifiers = new WeakMap<readonly SysretCheck[], (f: number) => string>();
function classifierOf(checks: readonly SysretCheck[], via: 'SYSRET' | 'SYSRETL'): (f: number) => string {
  let c = classifiers.get(checks);
  if (c === undefined) {
    const passed = via === 'SYSRETL' ? sysretlClass : frameSysret;
    c = (f: number) => (failedCheck(checks, f) === undefined ? passed(f) : 'iret');
    classifiers.set(checks, c);
  }
  return c;
}

function checked<L extends string>(
  p: Pending<L>,
  checks: readonly SysretCheck[],
  at: { sysret: string; iret: string },
  via: 'SYSRET' | 'SYSRETL' = 'SYSRET',
): Branch<L>[] {
  return readRegs(p, classifierOf(checks, via)).map((q) => {
    const failed = failedCheck(checks, factsOf(q.s.regs));
    return failed === undefined
      ? returnToUser(note(q, 'the register tests pass'), via, at.sysret, true)
      : returnToUser(note(q, `${failed} fails`), 'IRET', at.iret);
  });
}

/**
 * The return: one branch per class of values pt_regs may hold where the decision reads them. A
 * switch, not a ts-pattern match: it runs at every return the explorer reaches, and the compiler
 * still checks that every rule is handled (`never` in the default).
 */
export function returnDecision<L extends string>(
  p: Pending<L>,
  rule: ReturnRule,
  at: { sysret: string; iret: string },
): Branch<L>[] {
  if (typeof rule === 'object')
    return rule.statusFlag !== true
      ? checked(p, rule.sysretl, at, 'SYSRETL')
      : fastSyscall(p.s.regs)
        ? readRegs(p, sysretlClass).map((q) =>
            returnToUser(note(q, 'TS_FASTSYSCALL set'), 'SYSRETL', at.sysret, true),
          )
        : [returnToUser(note(p, 'TS_FASTSYSCALL clear'), 'IRET', at.iret)];
  switch (rule) {
    case 'iret':
      return [returnToUser(p, 'IRET', at.iret)];
    case 'eretu':
      return [returnToUser(note(p, 'FRED: asm_fred_exit_user, ERETU'), 'ERETU', 'asm_fred_exit_user')];
    case 'sysret':
      return readRegs(p, plainSysret).map((q) => returnToUser(q, 'SYSRET', at.sysret));
    case 'sysret-eflags':
      return readRegs(p, eflagsSysret).map((q) => returnToUser(q, 'SYSRET', at.sysret, false, true));
    case 'checks-4.0-rf':
      return checked(p, CHECKS_4_0_RF, at);
    case 'checks-4.0':
      return checked(p, CHECKS_4_0, at);
    case 'checks-4.4':
      return checked(p, CHECKS_4_4, at);
    case 'checks-c':
      return checked(p, CHECKS_C, at);
    case 'status-flag':
      return fastSyscall(p.s.regs)
        ? readRegs(p, frameSysret).map((q) =>
            returnToUser(note(q, 'TS_FASTSYSCALL set'), 'SYSRET', at.sysret, true),
          )
        : [returnToUser(note(p, 'TS_FASTSYSCALL clear'), 'IRET', at.iret)];
    default: {
      const never: never = rule;
      throw new Error(`unknown return rule ${String(never)}`);
    }
  }
}

/**
 * The classifiers of every read a return rule makes, after the fast path: two values in the same
 * class of each are told apart by no later step (model/ptRegsClasses.ts).
 */
export function readClassifiers(rule: ReturnRule): readonly ((f: number) => string)[] {
  if (typeof rule === 'object')
    return rule.statusFlag === true
      ? [sysretlClass, passOrFailCompat]
      : [classifierOf(rule.sysretl, 'SYSRETL')];
  return match(rule)
    .with('iret', () => [])
    .with('eretu', () => [])
    .with('sysret', () => [plainSysret])
    .with('sysret-eflags', () => [eflagsSysret])
    .with('checks-4.0-rf', () => [classifierOf(CHECKS_4_0_RF, 'SYSRET')])
    .with('checks-4.0', () => [classifierOf(CHECKS_4_0, 'SYSRET')])
    .with('checks-4.4', () => [classifierOf(CHECKS_4_4, 'SYSRET')])
    .with('checks-c', () => [classifierOf(CHECKS_C, 'SYSRET')])
    .with('status-flag', () => [frameSysret, passOrFail])
    .exhaustive();
}
