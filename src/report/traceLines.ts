import type { ModelContext } from '../model/context.js';
import { type Machine, pathMasks } from '../model/machine.js';
import { compactRegs } from '../model/registers.js';
import type { Run } from '../model/run.js';

/** A mask register's value as a developer reads it: the name of the mask it equals, if any. */
export function maskName(ctx: ModelContext, machine: Machine, value: number): string {
  if (value === 0) return '0';
  for (const m of pathMasks(machine, ctx.input.behaviour)) if (ctx.mask(m) === value) return m;
  const allwork = ctx.input.masks.get('_TIF_ALLWORK_MASK');
  const audit = ctx.bit('SYSCALL_AUDIT');
  if (allwork !== undefined && value === (allwork & ~audit) >>> 0)
    return '_TIF_ALLWORK_MASK & ~_TIF_SYSCALL_AUDIT';
  return ctx.fmt(value);
}

/**
 * The trace, one line per step and its notes beneath: step, label, IRQs, flags, registers. The
 * first step of a livelock's cycle is marked `->`, and the last line says where it goes back to;
 * `broken`, if given, marks the step at which a property breaks with `!!`.
 */
export function traceLines(ctx: ModelContext, machine: Machine, run: Run, broken?: number): string[] {
  const width = Math.max(...run.trace.map((e) => e.state.label.length), 12);
  // pt_regs are shown where the run writes or reads them; a run that never does leaves them out.
  const first = run.trace[0]?.state.regs;
  const last = run.returned?.state.regs ?? run.stopped?.state.regs ?? first;
  const showRegs = last !== first || run.trace.some((e) => e.state.regs !== first);
  const out: string[] = [];
  for (const [i, e] of run.trace.entries()) {
    const s = e.state;
    const mark = run.cycleStart === i ? '->' : broken === i && run.outcome !== 'livelock' ? '!!' : '  ';
    const regs = [
      // Generic entry's whole syscalls: the syscall modes' word.
      machine.wholeSyscall && ctx.input.workTable !== undefined
        ? `syscall_work=${ctx.fmtWork(s.syscallWork)}`
        : '',
      machine.registers.mask ? `${machine.registers.mask}=${maskName(ctx, machine, s.mask)}` : '',
      `${machine.registers.work}=${ctx.fmt(s.work)}`,
      // A whole syscall also shows the audit context; where a return may read pt_regs, who wrote
      // them and (once read) what they hold.
      machine.wholeSyscall ? `in_syscall=${s.auditInSyscall ? 1 : 0}` : '',
      showRegs ? `pt_regs=${compactRegs(s.regs)}` : '',
    ]
      .filter((x) => x !== '')
      .join('  ');
    out.push(
      `${mark}${String(i).padStart(3)} ${s.label.padEnd(width)}  IRQs ${s.irqs ? 'on ' : 'off'}  ${s.fullFrame ? 'full' : 'part'}  flags=${ctx.fmt(s.flags)}  ${regs}`,
    );
    for (const n of e.notes) out.push(`        ${n}`);
  }
  if (run.outcome === 'livelock' && run.cycleStart !== undefined) {
    out.push(
      `      back to step ${run.cycleStart} (${run.trace[run.cycleStart]?.state.label}): the same state, no event left -- livelock`,
    );
  }
  if (broken !== undefined && run.outcome !== 'livelock' && run.trace[broken] !== undefined)
    out.push(`      !! marks step ${broken}, where the property breaks`);
  if (run.outcome === 'step-limit')
    out.push(`      stopped at the step limit (${run.trace.length} steps): not a proof of a livelock`);
  return out;
}

/** A Mermaid flowchart of the run: labels as nodes in order of first visit, the lasso drawn back. */
export function traceMermaid(run: Run): string[] {
  const ids = new Map<string, string>();
  const id = (label: string): string => {
    let v = ids.get(label);
    if (v === undefined) {
      v = `n${ids.size}`;
      ids.set(label, v);
    }
    return v;
  };
  const lines = ['flowchart TD'];
  const edges = new Set<string>();
  const labels = run.trace.map((e) => e.state.label);
  for (const l of labels) id(l);
  for (const [l, v] of ids) lines.push(`  ${v}["${l}"]`);
  for (let i = 0; i + 1 < labels.length; i++) {
    const e = `  ${id(labels[i] as string)} --> ${id(labels[i + 1] as string)}`;
    if (!edges.has(e)) {
      edges.add(e);
      lines.push(e);
    }
  }
  const last = labels[labels.length - 1];
  if (run.outcome === 'livelock' && run.cycleStart !== undefined && last !== undefined) {
    lines.push(`  ${id(last)} -. "livelock: same state again" .-> ${id(labels[run.cycleStart] as string)}`);
  } else if (run.outcome === 'returned' && run.returned !== undefined && last !== undefined) {
    lines.push(`  ret(["${run.returned.via} to user mode"])`, `  ${id(last)} --> ret`);
  } else if (run.stopped !== undefined && last !== undefined) {
    const what = run.stopped.kind === 'bug' ? `BUG in ${run.stopped.at}` : `task exits in ${run.stopped.at}`;
    lines.push(`  stop{{"${what}"}}`, `  ${id(last)} --> stop`);
  }
  return lines;
}
