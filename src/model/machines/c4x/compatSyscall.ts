import { match } from 'ts-pattern';
import type { ModelContext } from '../../context.js';
import { compatRule, returnDecision } from '../../handlers/returnDecision.js';
import { syscallBody } from '../../handlers/syscallBody.js';
import { entryReport, wrapperTraceEnter } from '../../handlers/syscallTraceEnter.js';
import { entryReportStep, seccompStep, type TraceEnterNext } from '../../handlers/syscallWork.js';
import type { Machine } from '../../machine.js';
import { begin, called, goto, irqsOn, note, type Pending, update } from '../../pending.js';
import { CHECKS_COMPAT, type SysretCheck } from '../../returnInstructions.js';
import type { Branch } from '../../transition.js';
import { type Arm, armTable } from '../arms.js';
import { compatEntry, compatStart, landingPadFixup } from '../compatEntry.js';
import { bodyDone, entryModes, kindOf } from '../wholeSyscall.js';
import { exitToUsermodeLoop, LOOP, prepareExitToUsermode } from './exitLoop.js';
import {
  cSlowPath,
  ENTRY,
  EXIT_WORK,
  entryWorkTest,
  NAMES_4_8,
  singlePhase48,
  syscallReturnSlowpath,
  traceEnter48,
} from './syscall.js';

/**
 * A whole 32-bit syscall by the vDSO's fast entry, 4.4 to 4.x (arch/x86/entry/common.c
 * do_fast_syscall_32 and do_syscall_32_irqs_on, read in the 4.4-era file; entry_64_compat.S; seed
 * 001 is the series that wrote them): entry_SYSCALL_compat (SYSCALL32; SYSENTER's entry calls the
 * same C) saves the whole pt_regs; do_fast_syscall_32 points RIP at the int80 landing pad, so
 * that a restart (RIP - 2) finds `int $0x80`, turns IRQs on and calls do_syscall_32_irqs_on: with
 * a flag of _TIF_WORK_SYSCALL_ENTRY, syscall_trace_enter (4.4/4.5: the C wrapper that runs phase 1
 * and then phase 2; ~4.8: the single-phase one, ptrace before seccomp), the compat table, and
 * syscall_return_slowpath with the exit loop, as the 64-bit slow path. Back in do_fast_syscall_32,
 * IRQs off, the SYSRETL tests choose sysret32_from_system_call or IRET (.Lsyscall_32_done)
 * (kernel-facts.md §6, "Compat").
 *
 * Not modelled: the fetch of the user's EBP from its stack failing (-EFAULT, straight to
 * prepare_exit_to_usermode and IRET with no syscall work); the int80 entry, which always returns
 * by IRET.
 */
export const COMPAT_LABELS_4X = [
  'entry_SYSCALL_compat',
  'do_fast_syscall_32',
  'do_syscall_32_irqs_on',
  'syscall_trace_enter',
  'tracehook_report_syscall_entry',
  '__secure_computing',
  'ia32_sys_call_table',
  'syscall_return_slowpath',
  'prepare_exit_to_usermode',
  'exit_to_usermode_loop',
] as const;
export type Compat4xLabel = (typeof COMPAT_LABELS_4X)[number];

/** The labels before the body has run. */
const ENTRY_LABELS = COMPAT_LABELS_4X.slice(0, COMPAT_LABELS_4X.indexOf('ia32_sys_call_table') + 1);
const BEFORE_RETURN: ReadonlySet<string> = new Set(ENTRY_LABELS);

type P = Pending<Compat4xLabel>;
type B = Branch<Compat4xLabel>;

const table = (q: P): B => goto(q, 'ia32_sys_call_table');
const TO: Record<TraceEnterNext, Compat4xLabel> = {
  report: 'tracehook_report_syscall_entry',
  seccomp: '__secure_computing',
  done: 'ia32_sys_call_table',
};
const onward = (x: { p: P; next: TraceEnterNext }): B => goto(x.p, TO[x.next]);

/**
 * The machine with `checks` as do_fast_syscall_32's SYSRETL tests: the kernel's are CHECKS_COMPAT;
 * others stand for a proposed change to them (properties/compatSyscall.test.ts).
 */
export function c4xCompatSyscallWith(checks: readonly SysretCheck[]): Machine<Compat4xLabel> {
  /** Back in do_fast_syscall_32, IRQs off: the SYSRETL tests. */
  const leave = (q: P, ctx: ModelContext): B[] =>
    returnDecision(
      note(q, 'back in do_fast_syscall_32: SYSRETL or IRET'),
      compatRule(ctx.input.behaviour, checks),
      {
        sysret: 'sysret32_from_system_call',
        iret: '.Lsyscall_32_done',
      },
    );
  const arms = armTable(COMPAT_LABELS_4X, (label) =>
    match<Compat4xLabel, Arm<Compat4xLabel>>(label)
      .with('entry_SYSCALL_compat', () => (_s, p) => [compatEntry(p, 'do_fast_syscall_32')])
      .with('do_fast_syscall_32', () => (s, p, ctx) => {
        const q = landingPadFixup(s, p);
        // 4.6 leaves context tracking's user mode first; 4.4 and 4.5 turn IRQs on while still in
        // it and leave it in phase 1's NOHZ work.
        const on = cSlowPath(ctx)
          ? note(irqsOn(called(q, 'enter_from_user_mode', true)), 'enter_from_user_mode(); IRQs on')
          : note(irqsOn(q), 'IRQs on (context tracking still in user mode)');
        return [goto(note(on, "EBP read from the user's stack"), 'do_syscall_32_irqs_on')];
      })
      .with('do_syscall_32_irqs_on', () => (s, p, ctx) => {
        const q = note(update(p, { entryFlags: s.flags }), 'TS_COMPAT set');
        return entryWorkTest(q, s.flags, ctx, table, 'syscall_trace_enter');
      })
      .with('syscall_trace_enter', () => (s, p, ctx) => {
        if (!singlePhase48(ctx))
          return wrapperTraceEnter(p, ctx).map((e) =>
            e.reportNext ? goto(e.p, 'tracehook_report_syscall_entry') : table(e.p),
          );
        return [onward(traceEnter48(s, p, ctx))];
      })
      .with(
        'tracehook_report_syscall_entry',
        () => (s, p, ctx) =>
          singlePhase48(ctx)
            ? entryReportStep(p, ctx, s.entryFlags, NAMES_4_8).map(onward)
            : entryReport(p, ctx).map(table),
      )
      .with(
        '__secure_computing',
        () => (s, p, ctx) => seccompStep(p, ctx, s.entryFlags, NAMES_4_8).map(table),
      )
      .with('ia32_sys_call_table', () => (s, p, ctx) => {
        if (s.nrSkip)
          return [
            bodyDone(note(p, 'do_syscall_32_irqs_on: nr = -1, no syscall runs'), 'syscall_return_slowpath'),
          ];
        return syscallBody(
          note(p, 'do_syscall_32_irqs_on: ia32_sys_call_table[nr](regs)'),
          ctx,
          kindOf(s),
        ).map((b) => bodyDone(b, 'syscall_return_slowpath'));
      })
      .with(
        'syscall_return_slowpath',
        () => (_s, p, ctx) => syscallReturnSlowpath(p, ctx, 'prepare_exit_to_usermode'),
      )
      .with(
        'prepare_exit_to_usermode',
        () => (_s, p, ctx) => prepareExitToUsermode(p, ctx, 'exit_to_usermode_loop', leave),
      )
      .with('exit_to_usermode_loop', () => (s, p, ctx) => exitToUsermodeLoop(s, p, ctx, leave))
      .exhaustive(),
  );
  return {
    path: 'compat-syscall',
    family: 'c-4x',
    labels: COMPAT_LABELS_4X,
    registers: { work: 'cached_flags' },
    masks: [ENTRY, EXIT_WORK, LOOP],
    isSyscall: true,
    wholeSyscall: true,
    initialFlags: entryModes,
    defersEvents: (s) => BEFORE_RETURN.has(s.label),
    // Until the body has run, pt_regs are kept exact: its event stops tell writers apart.
    plainSysretFrom: ENTRY_LABELS,
    returnRule: (ctx) => compatRule(ctx.input.behaviour, checks),
    // cached_flags is read afresh by syscall_return_slowpath and prepare_exit_to_usermode.
    deadFields: { syscall_return_slowpath: ['work'], prepare_exit_to_usermode: ['work'] },
    start: (ctx, root) => compatStart('entry_SYSCALL_compat', ctx, root),
    step: (s, ctx) => arms[s.label](s, begin(s), ctx, ctx.bit),
  };
}

export const c4xCompatSyscall = c4xCompatSyscallWith(CHECKS_COMPAT);
