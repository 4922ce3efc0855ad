import type { PathId } from '../kernels/pathId.js';
import { makeContext } from '../model/context.js';
import { type SlowPathRule, slowPathRule } from '../model/handlers/returnDecision.js';
import { FACT_TOKENS_64 } from '../model/registers.js';
import {
  CHECKS_4_0,
  CHECKS_4_0_RF,
  CHECKS_4_4,
  CHECKS_C,
  failedCheck,
  type SysretCheck,
  type SysretOutcome,
  sysretAgainstIret,
} from '../model/returnInstructions.js';
import type { Run } from '../model/run.js';
import type { Via } from '../model/transition.js';
import { type DiffInput, inputOf, replayOn } from './behaviourDiff.js';
import type { CheckResult } from './result.js';
import type { Subject } from './subject.js';

/** One register value the two sides' return decisions treat differently. */
export interface RuleDifference {
  readonly facts: number;
  readonly base: Via;
  readonly proposed: Via;
  /** The test that sent a side to IRET. */
  readonly baseFails?: string;
  readonly proposedFails?: string;
  /** What the SYSRET side does against IRET. */
  readonly sysret: SysretOutcome;
}

/** A sysret-safe counterexample of one side, run on both. */
export interface SysretReplay {
  readonly path: PathId;
  readonly violatedOn: 'base' | 'proposed';
  readonly message: string;
  readonly input: DiffInput;
  readonly base: Run;
  readonly proposed: Run;
}

/**
 * How two kernels go back to user mode differently: the rules, and where both decide by tests of
 * pt_regs, every value pt_regs can hold on which they part, one per kind of difference (smallest
 * first); then each sysret-safe counterexample of one side replayed on the other, for the trace.
 */
export interface ReturnTestsDiff {
  readonly base: SlowPathRule;
  readonly proposed: SlowPathRule;
  /** Undefined where a side does not decide by the registers at the exit (the status flag). */
  readonly differences?: readonly RuleDifference[];
  /** The number of values compared (every value a tracer or a signal frame can leave). */
  readonly compared: number;
  readonly replays: readonly SysretReplay[];
}

const CHECKS: Partial<Record<SlowPathRule, readonly SysretCheck[]>> = {
  'checks-4.0-rf': CHECKS_4_0_RF,
  'checks-4.0': CHECKS_4_0,
  'checks-4.4': CHECKS_4_4,
  'checks-c': CHECKS_C,
};

/** A rule's tests as the asm writes them, for a report. */
export function ruleTests(rule: SlowPathRule): string {
  const checks = CHECKS[rule];
  if (checks !== undefined) return checks.map((c) => c.test).join('; ');
  if (rule === 'status-flag') return 'TS_FASTSYSCALL (the tests run in force_iret())';
  if (rule === 'eretu') return 'always ERETU (FRED: the answer of the tests is dropped)';
  return rule === 'iret' ? 'always IRET' : 'always SYSRET';
}

function decide(checks: readonly SysretCheck[], facts: number): { via: Via; fails?: string } {
  const fails = failedCheck(checks, facts);
  return fails === undefined ? { via: 'SYSRET' } : { via: 'IRET', fails };
}

export function compareReturnTests(
  base: Subject,
  proposed: Subject,
  before: readonly CheckResult[],
  after: readonly CheckResult[],
): ReturnTestsDiff | undefined {
  const b = slowPathRule(base.input.behaviour);
  const p = slowPathRule(proposed.input.behaviour);
  if (b === p) return undefined;
  const bc = CHECKS[b];
  const pc = CHECKS[p];
  let differences: RuleDifference[] | undefined;
  if (bc !== undefined && pc !== undefined) {
    differences = [];
    const seen = new Set<string>();
    for (const { facts } of FACT_TOKENS_64) {
      const x = decide(bc, facts);
      const y = decide(pc, facts);
      if (x.via === y.via) continue;
      const sysret = sysretAgainstIret(facts, 'frame');
      const kind = `${x.via} ${y.via} ${sysret.fault ?? sysret.differs ?? ''}`;
      if (seen.has(kind)) continue;
      seen.add(kind);
      differences.push({
        facts,
        base: x.via,
        proposed: y.via,
        ...(x.fails === undefined ? {} : { baseFails: x.fails }),
        ...(y.fails === undefined ? {} : { proposedFails: y.fails }),
        sysret,
      });
    }
  }
  return {
    base: b,
    proposed: p,
    ...(differences === undefined ? {} : { differences }),
    compared: FACT_TOKENS_64.length,
    replays: [
      ...replays(base, proposed, before, after, 'base'),
      ...replays(base, proposed, after, before, 'proposed'),
    ],
  };
}

/** Each sysret-safe violation of one side that the other side does not have, run on both. */
function replays(
  base: Subject,
  proposed: Subject,
  mine: readonly CheckResult[],
  theirs: readonly CheckResult[],
  side: 'base' | 'proposed',
): SysretReplay[] {
  const holds = new Set(
    theirs.filter((r) => r.property === 'sysret-safe' && r.verdict === 'holds').map((r) => r.path),
  );
  return mine.flatMap((r) => {
    const c = r.counterexample;
    if (r.property !== 'sysret-safe' || c === undefined || r.path === null || !holds.has(r.path)) return [];
    const from = side === 'base' ? base : proposed;
    const input = inputOf(makeContext(from.input, r.path), c.root, c.events);
    const runB = replayOn(base.input, r.path, input);
    const runP = replayOn(proposed.input, r.path, input);
    if (runB === undefined || runP === undefined) return [];
    return [{ path: r.path, violatedOn: side, message: c.message, input, base: runB, proposed: runP }];
  });
}
