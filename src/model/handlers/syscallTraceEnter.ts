import { andThen } from '../andThen.js';
import type { ModelContext } from '../context.js';
import { called, type NoteText, note, type Pending, update } from '../pending.js';
import {
  countEntry,
  ENTRY_REPORT,
  ENTRY_TRACEPOINT,
  entryCount,
  PHASE1,
  PHASE2,
  phase1Answer,
  withPhase1Answer,
} from '../state.js';
import { auditSyscallEntry } from './auditEntry.js';
import { entryStop } from './entryStop.js';
import { runFilter, seccompTraceStop } from './seccomp.js';

const ENTRY = '_TIF_WORK_SYSCALL_ENTRY';

/** Phase 1's answer as the C code sees the value. */
const ANSWER_TEXT = { none: '?', zero: '0', one: '1', seccomp: 'the filter result' } as const;

/**
 * Where a form of syscall_trace_enter has got to: done (back to the asm), or at the entry report,
 * which runs as a step of its own so that each step makes at most one ptrace stop (a schedule
 * then says unambiguously what the tracer did at which stop).
 */
export interface EntryStep<L extends string> {
  readonly p: Pending<L>;
  readonly reportNext: boolean;
}

const done = <L extends string>(p: Pending<L>): EntryStep<L> => ({ p, reportNext: false });

/**
 * After seccomp: SYSCALL_EMU (read as `emu`) cancels the syscall, and it or SYSCALL_TRACE (read
 * live) asks for the entry report; without one, the tracepoint and audit entry follow at once.
 */
function afterSeccomp<L extends string>(
  p: Pending<L>,
  ctx: ModelContext,
  emu: boolean,
  auditFn: string,
): EntryStep<L> {
  let q = p;
  if (emu) q = note(update(q, { nrSkip: true }), 'SYSCALL_EMU: the syscall is emulated, not run (ret = -1)');
  if (emu || (q.s.flags & ctx.bit('SYSCALL_TRACE')) !== 0) return { p: q, reportNext: true };
  return done(tracepointAndAudit(q, ctx, auditFn));
}

/** The tracepoint, then audit entry: the common tail of every form of syscall_trace_enter. */
function tracepointAndAudit<L extends string>(p: Pending<L>, ctx: ModelContext, auditFn: string): Pending<L> {
  let q = p;
  if ((q.s.flags & ctx.bit('SYSCALL_TRACEPOINT')) !== 0) {
    q = note(update(q, { entry: countEntry(q.s.entry, ENTRY_TRACEPOINT) }), 'trace_sys_enter');
  }
  return auditSyscallEntry(q, ctx, auditFn);
}

/**
 * tracehook_report_syscall_entry(regs): the ptrace stop of the entry report, then the rest of the
 * syscall_trace_enter that asked for it (the tracepoint and audit entry, both read live).
 */
export function entryReport<L extends string>(p: Pending<L>, ctx: ModelContext): Pending<L>[] {
  const auditFn = entryCount(p.s, PHASE2) > 0 ? 'do_audit_syscall_entry' : 'audit_syscall_entry';
  const r = update(called(p, 'tracehook_report_syscall_entry', true), {
    entry: countEntry(p.s.entry, ENTRY_REPORT),
  });
  return entryStop(r, ctx, 'syscall entry report').map((t) => tracepointAndAudit(t, ctx, auditFn));
}

/**
 * syscall_trace_enter(regs) before the 2014 split (3.x up to 3.17; the lines the split removed,
 * seed 000's series, and kernel-facts.md §5): seccomp first, and a seccomp failure skips everything
 * else; then SYSCALL_EMU, the entry report, the tracepoint and audit entry. All flags read live.
 */
export function singlePhaseTraceEnter<L extends string>(p: Pending<L>, ctx: ModelContext): EntryStep<L>[] {
  let q = note(called(p, 'syscall_trace_enter', true), 'syscall_trace_enter(regs)');
  if ((q.s.flags & ctx.bit('NOHZ')) !== 0) q = note(q, 'NOHZ: user_exit()');
  let ps: Pending<L>[] = [q];
  if ((q.s.flags & ctx.bit('SECCOMP')) !== 0) {
    const f = runFilter(q, ctx, 'secure_computing');
    ps = f.result === 'trace' ? seccompTraceStop(f.p, ctx) : [f.p];
  }
  return ps.map((r) => {
    // A seccomp failure (or the tracer cancelling at the seccomp stop) returns -1 at once.
    if (r.halt !== undefined) return done(r);
    if (r.s.nrSkip) return done(note(r, 'seccomp failure: nothing else runs'));
    return afterSeccomp(r, ctx, (r.s.flags & ctx.bit('SYSCALL_EMU')) !== 0, 'audit_syscall_entry');
  });
}

/** The single-phase function to its end: its first part, and the entry report where it asks. */
export function singlePhaseComplete<L extends string>(p: Pending<L>, ctx: ModelContext): Pending<L>[] {
  return andThen(singlePhaseTraceEnter(p, ctx), (e) => (e.reportNext ? entryReport(e.p, ctx) : [e.p]));
}

/**
 * syscall_trace_enter_phase1(regs, arch), 3.18-4.6, on a frame that may be partial: NOHZ, then
 * seccomp phase 1; then 0 (done: the fast path may go on) when nothing is left, or when only audit
 * is left, which it does itself; 1 when phase 2 must run; the filter's TRACE result for seccomp
 * phase 2. The answer is kept in the state for the asm and for phase 2.
 */
export function phase1<L extends string>(p: Pending<L>, ctx: ModelContext): Pending<L> {
  const entry = ctx.input.behaviour.syscallEntry;
  let q = update(called(p, 'syscall_trace_enter_phase1', false), { entry: countEntry(p.s.entry, PHASE1) });
  let work = (q.s.flags & ctx.mask(ENTRY)) >>> 0;
  q = note(q, () => `syscall_trace_enter_phase1: work = ${ctx.fmt(work)}`);
  const nohz = ctx.bit('NOHZ');
  if ((work & nohz) !== 0 && entry?.phase1Nohz === 'none') {
    q = note(q, 'no NOHZ work here (enter_from_user_mode did user_exit): NOHZ stays in work');
  } else if ((work & nohz) !== 0) {
    if (entry?.phase1Nohz === 'bit-number') {
      const bitNumber = ctx.input.table.bitOf.get('NOHZ') ?? 0;
      work = (work & ~bitNumber) >>> 0;
      const w = work;
      q = note(
        q,
        () =>
          `NOHZ: user_exit(); work &= ~TIF_NOHZ, the bit number ${bitNumber} not the mask: NOHZ stays, ${ctx.fmt(bitNumber)} go; work = ${ctx.fmt(w)}`,
      );
    } else {
      work = (work & ~nohz) >>> 0;
      q = note(q, 'NOHZ: user_exit(), NOHZ taken out of work');
    }
  }
  const answer = (a: 'zero' | 'one' | 'seccomp', text: NoteText): Pending<L> =>
    note(update(q, { entry: withPhase1Answer(q.s.entry, a) }), text);
  const secBit = ctx.bit('SECCOMP');
  if ((work & secBit) !== 0) {
    const f = runFilter(q, ctx, 'seccomp_phase1');
    q = f.p;
    if (q.halt !== undefined) return q;
    if (f.result === 'trace') return answer('seccomp', 'phase 1 returns the filter result: go to phase 2');
    work = (work & ~secBit) >>> 0;
  }
  if (work === 0) return answer('zero', 'phase 1 returns 0: nothing left for phase 2');
  if (work === ctx.bit('SYSCALL_AUDIT')) {
    q = auditSyscallEntry(q, ctx, 'do_audit_syscall_entry');
    if (q.halt !== undefined) return q;
    return answer('zero', 'only audit was left, done here; phase 1 returns 0');
  }
  const w = work;
  return answer('one', () => `phase 1 returns 1: ${ctx.fmt(w)} needs phase 2`);
}

/**
 * syscall_trace_enter_phase2(regs, arch, phase1_result), 3.18-4.6, on a full frame. It reads the
 * flags once, before seccomp phase 2's stop: SYSCALL_EMU comes from that snapshot, SYSCALL_TRACE and
 * the tracepoint are read live. Seccomp phase 2 runs only for a TRACE result; a failure there skips
 * the rest. It always ends with audit entry.
 */
export function phase2<L extends string>(p: Pending<L>, ctx: ModelContext): EntryStep<L>[] {
  const q = update(called(p, 'syscall_trace_enter_phase2', true), { entry: countEntry(p.s.entry, PHASE2) });
  const work = (q.s.flags & ctx.mask(ENTRY)) >>> 0;
  const emu = (work & ctx.bit('SYSCALL_EMU')) !== 0;
  const start = note(
    q,
    () =>
      `syscall_trace_enter_phase2(regs, arch, ${ANSWER_TEXT[phase1Answer(p.s)]}): work = ${ctx.fmt(work)}`,
  );
  const seccomp = phase1Answer(p.s) === 'seccomp';
  const ps = seccomp ? seccompTraceStop(note(start, 'seccomp_phase2'), ctx) : [start];
  return ps.map((r) => {
    if (r.halt !== undefined) return done(r);
    if (seccomp && r.s.nrSkip)
      return done(note(r, 'seccomp_phase2 failed: phase 2 returns -1, nothing else runs'));
    return afterSeccomp(r, ctx, emu, 'do_audit_syscall_entry');
  });
}

/** syscall_trace_enter(regs) of 3.18-4.6: phase 1, and phase 2 if phase 1 asks for it. */
export function wrapperTraceEnter<L extends string>(p: Pending<L>, ctx: ModelContext): EntryStep<L>[] {
  const q = phase1(note(called(p, 'syscall_trace_enter', true), 'syscall_trace_enter(regs)'), ctx);
  if (q.halt !== undefined) return [done(q)];
  if (phase1Answer(q.s) === 'zero') return [done(note(q, 'syscall_trace_enter returns orig_ax'))];
  return phase2(q, ctx);
}
