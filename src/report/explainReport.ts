import type { Explained } from '../check/explain.js';
import type { Subject } from '../check/subject.js';
import { hex32 } from '../flags/format.js';
import { kindName, seccompName } from '../model/root.js';
import { flagNames, runDoc, syscallDoc } from './counterexampleDoc.js';
import { fitLines } from './fit.js';
import { maskArithmetic } from './maskArithmetic.js';
import { traceLines } from './traceLines.js';

/** `tifcheck explain`, for a person: the run label by label, how it ends, what it breaks. */
export function explainText(subject: Subject, x: Explained, columns = 80): string {
  const out = [
    `tifcheck explain: ${x.machine.path} of ${subject.kernel}${subject.kernel === subject.pathsFrom ? '' : ` (control flow of ${subject.pathsFrom})`}`,
  ];
  // The verdict first: what a reader of one run wants to know before its steps.
  if (x.broken.length === 0) out.push('verdict: this run breaks no property');
  for (const b of x.broken) out.push(`verdict: this run breaks ${b.property}: ${b.violation.message}`);
  if (subject.edits.length > 0) out.push(`edits: ${subject.edits.join('; ')}`);
  out.push(`initial ti->flags: ${x.ctx.fmt(x.root.flags)} (${hex32(x.root.flags)})`);
  if (x.ctx.input.workTable !== undefined && x.machine.wholeSyscall)
    out.push(`initial ti->syscall_work: ${x.ctx.fmtWork(x.root.work)}`);
  if (x.machine.wholeSyscall) {
    const seccompOn =
      (x.root.flags & x.ctx.bit('SECCOMP')) !== 0 || (x.root.work & x.ctx.workBit('SECCOMP')) !== 0;
    const seccomp = seccompOn ? `, seccomp: ${seccompName(x.root.seccomp)}` : '';
    out.push(`syscall: ${kindName(x.root.kind)}${seccomp}`);
  }
  out.push(`events: ${x.events.length === 0 ? 'none' : x.events.map((e) => `${e.id}@${e.at}`).join(', ')}`);
  const { late, dropped } = eventFates(x);
  if (late.length > 0) out.push(`events that acted later than scheduled: ${late.join(', ')}`);
  if (dropped.length > 0) out.push(`events that found no step where they could act: ${dropped.join(', ')}`);
  out.push('', ...traceLines(x.ctx, x.machine, x.run, x.broken[0]?.violation.step), '');
  const r = x.run.returned;
  const stopped = x.run.stopped;
  out.push(
    r !== undefined
      ? `outcome: returned to user mode by ${r.via} at ${r.at}, ti->flags ${x.ctx.fmt(r.state.flags)}`
      : stopped !== undefined
        ? `outcome: ${stopped.kind} in ${stopped.at}: ${stopped.what}`
        : `outcome: ${x.run.outcome}`,
  );
  if (x.root.flags !== 0)
    out.push('', 'masks:', ...maskArithmetic(x.ctx, x.machine, x.root.flags).map((l) => `  ${l}`));
  return `${fitLines(out, columns).join('\n')}\n`;
}

/**
 * What became of each scheduled event: an event acts at the first step at or after its own where
 * it can (IRQs on, a stop, a notifier's occasion), so it may act late, or never.
 */
function eventFates(x: Explained): { late: string[]; dropped: string[] } {
  const fired = [...x.run.fired];
  const late: string[] = [];
  const dropped: string[] = [];
  for (const e of x.events) {
    const i = fired.findIndex((f) => f.id === e.id && f.at >= e.at);
    const f = fired[i];
    if (f === undefined) dropped.push(`${e.id}@${e.at}`);
    else {
      if (f.at !== e.at) late.push(`${e.id}@${e.at} at step ${f.at}`);
      fired.splice(i, 1);
    }
  }
  return { late, dropped };
}

export function explainJson(subject: Subject, x: Explained): unknown {
  return {
    kernel: subject.kernel,
    pathsFrom: subject.pathsFrom,
    edits: subject.edits,
    path: x.machine.path,
    flags: flagNames(x.ctx, x.root.flags),
    ...syscallDoc(x.machine, x.root, x.ctx),
    events: x.run.fired,
    ...runDoc(x.ctx, x.machine, x.run),
    broken: x.broken.map((b) => ({
      property: b.property,
      message: b.violation.message,
      step: b.violation.step,
    })),
  };
}
