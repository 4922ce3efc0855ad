import { isCompatTask, type ModelContext } from '../context.js';
import { note, noteWith, type Pending, update, withState } from '../pending.js';
import {
  describeFacts,
  describeRegs,
  factsOf,
  factsToken,
  fastSyscall,
  isKnown,
  possibleFacts,
  R11_OTHER,
  readAs,
  USER32_SEGS,
  type Writer,
  withFastSyscall,
  writerOf,
  written,
} from '../registers.js';
import { CHECKS_4_4, CHECKS_COMPAT, failedCheck } from '../returnInstructions.js';
import { copyState, type ModelState } from '../state.js';

/**
 * The selectors a kernel writer of pt_regs leaves: a 32-bit task's on the compat path (the ia32
 * signal frame, compat_start_thread; arch/x86/kernel/signal.c and process_64.c, recalled), the
 * 64-bit user's elsewhere.
 */
export const taskSegs = (ctx: ModelContext): number => (isCompatTask(ctx) ? USER32_SEGS : 0);

/**
 * sys_iopl (up to 5.4) rewrites the IOPL bits of the saved RFLAGS and nothing else, so the saved
 * R11 no longer matches it. That is a change every return of the C era handles by design (the fast
 * path's SYSRET loads R11 from the saved RFLAGS, the opportunistic tests compare the two), not the
 * free rewrite that exit-full-frame is about: the facts change, regsChanged does not. Values a free
 * writer left are still to be chosen where read, and stay so.
 */
export function rewriteSavedFlags<L extends string>(p: Pending<L>, what: string): Pending<L> {
  if (!isKnown(p.s.regs)) return note(p, what);
  const s = copyState(p.s);
  s.regs = readAs(p.s.regs, factsOf(p.s.regs) | R11_OTHER);
  return note(withState(p, s), () => `${what}: ${describeRegs(s.regs)}`);
}

/** Someone writes pt_regs: `facts` for a writer whose values are fixed, else chosen when read. */
export function writeRegs<L extends string>(p: Pending<L>, writer: Writer, facts?: number): Pending<L> {
  return setFlagsAndWriteRegs(p, p.s.flags, writer, facts);
}

/** `writeRegs(setFlags(p, flags), writer, facts)` with one copy of the state: a signal's delivery. */
export function setFlagsAndWriteRegs<L extends string>(
  p: Pending<L>,
  flags: number,
  writer: Writer,
  facts?: number,
): Pending<L> {
  const regs = written(p.s.regs, writer, facts);
  const s = copyState(p.s);
  s.flags = flags >>> 0;
  s.regs = regs;
  s.regsChanged = true;
  return noteWith(withState(p, s), regsNote, regs, undefined, undefined);
}

const regsNote = (regs: number): string => describeRegs(regs);

/**
 * pt_regs read by a decision: one Pending per class of values (`classOf`), the class's smallest
 * value standing for it. The writer's default comes first, with no event; every other value is an
 * event of the `register-read` occasion, so that a schedule names the values a run needs.
 */
export function readRegs<L extends string>(p: Pending<L>, classOf: (facts: number) => string): Pending<L>[] {
  if (p.halt !== undefined || isKnown(p.s.regs)) return [p];
  const regs = p.s.regs;
  const byDefault = factsOf(regs);
  const who = writerOf(regs);
  const reps = representatives(classOf, regs);
  const readWith = (f: number): ModelState<L> => {
    const s = copyState(p.s);
    s.regs = readAs(regs, f);
    return s;
  };
  const out = [
    note(
      withState(p, readWith(byDefault)),
      () => `pt_regs as ${who} left them by default: ${describeFacts(byDefault)}`,
    ),
  ];
  for (let i = 1; i < reps.length; i++) {
    const f = reps[i] as number;
    const id = factsToken(f);
    out.push({
      s: readWith(f),
      notes: { text: () => `event: ${id} (${who} left ${describeFacts(f)})`, prev: p.notes },
      calls: p.calls,
      events: [...p.events, { id, occasion: 'register-read' }],
    });
  }
  return out;
}

/**
 * The default value first, then the smallest value of every other class. The same for every
 * state with the same writer and default, so it is worked out once per classifier (the explorer
 * reads pt_regs at most returns).
 */
const cache = new WeakMap<(facts: number) => string, Map<number, readonly number[]>>();

function representatives(classOf: (facts: number) => string, regs: number): readonly number[] {
  let byRegs = cache.get(classOf);
  if (byRegs === undefined) {
    byRegs = new Map();
    cache.set(classOf, byRegs);
  }
  const key = (writerOf(regs) === 'user' ? 256 : 0) | factsOf(regs);
  let reps = byRegs.get(key);
  if (reps === undefined) {
    const byDefault = factsOf(regs);
    const seen = new Set<string>([classOf(byDefault)]);
    const list = [byDefault];
    for (const f of possibleFacts(regs)) {
      const c = classOf(f);
      if (seen.has(c)) continue;
      seen.add(c);
      list.push(f);
    }
    reps = list;
    byRegs.set(key, reps);
  }
  return reps;
}

/** The register tests in force_iret() pass or fail: the classes statusFlagTests branches on. */
export const passOrFail = (f: number): string => (failedCheck(CHECKS_4_4, f) === undefined ? 'pass' : 'fail');
/** The same with the compat return's tests, on the compat path. */
export const passOrFailCompat = (f: number): string =>
  failedCheck(CHECKS_COMPAT, f) === undefined ? 'pass' : 'fail';

/**
 * force_iret() in seed 001's status-flag design: the register tests run here, on pt_regs as they
 * are now, and clear TS_FASTSYSCALL when they fail. Elsewhere it does nothing to pt_regs. The
 * tests are the return's: 4.4's for SYSRET, do_fast_syscall_32's for SYSRETL on the compat path
 * (the series the seed answers is the compat rewrite, so there the design stands as proposed).
 */
export function statusFlagTests<L extends string>(p: Pending<L>, ctx: ModelContext): Pending<L>[] {
  if (ctx.input.behaviour.opportunisticSysret !== 'status-flag' || !fastSyscall(p.s.regs)) return [p];
  const compat = isCompatTask(ctx);
  const checks = compat ? CHECKS_COMPAT : CHECKS_4_4;
  return readRegs(p, compat ? passOrFailCompat : passOrFail).map((q) => {
    const failed = failedCheck(checks, factsOf(q.s.regs));
    return failed === undefined
      ? note(q, 'force_iret(): the register tests pass, TS_FASTSYSCALL stays')
      : note(
          update(q, { regs: withFastSyscall(q.s.regs, false) }),
          `force_iret(): ${failed} fails, TS_FASTSYSCALL cleared`,
        );
  });
}
