import { match } from 'ts-pattern';
import type { ModelContext } from '../../context.js';
import { compatRule, returnDecision } from '../../handlers/returnDecision.js';
import { type Machine, stepIn } from '../../machine.js';
import {
  alternatives,
  begin,
  called,
  goto,
  irqsOff,
  irqsOn,
  note,
  type Pending,
  returnToUser,
  update,
} from '../../pending.js';
import { CHECKS_COMPAT, type SysretCheck } from '../../returnInstructions.js';
import type { Branch } from '../../transition.js';
import { type Arm, armTable } from '../arms.js';
import { compatEntry, compatStart, landingPadFixup } from '../compatEntry.js';
import { bodyDone } from '../wholeSyscall.js';
import { WORK } from './exitLoop.js';
import {
  ENTER,
  EXIT,
  enterFromUserMode,
  type GenericSyscallNames,
  genericSyscallArms,
  genericSyscallDead,
  workAtEntry,
} from './syscallArms.js';

/**
 * A whole 32-bit syscall by the vDSO's fast entry under generic entry (5.11+;
 * arch/x86/entry/common.c do_fast_syscall_32 and __do_fast_syscall_32, read in the 5.x file, and
 * entry_64_compat.S): entry_SYSCALL_compat (SYSCALL32; SYSENTER's entry calls the same C) saves
 * the whole pt_regs; do_fast_syscall_32 points RIP at the int80 landing pad, so that a restart
 * (RIP - 2) finds `int $0x80`; __do_fast_syscall_32 does what do_syscall_64 does, with the
 * compat table; back in do_fast_syscall_32 the SYSRETL tests choose sysret32_from_system_call or
 * IRET (kernel-facts.md §6, "Compat").
 *
 * The fetch of the user's EBP can fault (the `ebp_fetch_fault` event): the syscall does not run, ax
 * is -EFAULT, and the kernel's `compatArgFault` says how it leaves: 5.11 through
 * syscall_exit_to_user_mode, exit work and all, 5d5675df792f and later through
 * irqentry_exit_to_user_mode; either way __do_fast_syscall_32 answers false, so IRET.
 *
 * Not modelled: the 32-bit int80 entry, which always returns by IRET.
 */
export const GENERIC_COMPAT_LABELS = [
  'entry_SYSCALL_compat',
  'do_fast_syscall_32',
  '__do_fast_syscall_32',
  'syscall_trace_enter',
  'ptrace_report_syscall_entry',
  '__secure_computing',
  'ia32_sys_call_table',
  'syscall_exit_to_user_mode',
  'exit_to_user_mode_prepare',
  'exit_to_user_mode_loop',
] as const;
export type GenericCompatLabel = (typeof GENERIC_COMPAT_LABELS)[number];

/** The labels before the body has run. */
const ENTRY_LABELS = GENERIC_COMPAT_LABELS.slice(0, GENERIC_COMPAT_LABELS.indexOf('ia32_sys_call_table') + 1);
const BEFORE_RETURN: ReadonlySet<string> = new Set(ENTRY_LABELS);

type P = Pending<GenericCompatLabel>;
type B = Branch<GenericCompatLabel>;

const N: GenericSyscallNames<GenericCompatLabel> = {
  traceEnter: 'syscall_trace_enter',
  report: 'ptrace_report_syscall_entry',
  seccomp: '__secure_computing',
  table: 'ia32_sys_call_table',
  exit: 'syscall_exit_to_user_mode',
  prepare: 'exit_to_user_mode_prepare',
  loop: 'exit_to_user_mode_loop',
  caller: 'do_syscall_32_irqs_on',
};
const DEAD = genericSyscallDead(GENERIC_COMPAT_LABELS, N);

/**
 * The machine with `checks` as do_fast_syscall_32's SYSRETL tests: the kernel's are CHECKS_COMPAT;
 * others stand for a proposed change to them (properties/compatSyscall.test.ts).
 */
export function genericCompatSyscallWith(checks: readonly SysretCheck[]): Machine<GenericCompatLabel> {
  const iret = 'swapgs_restore_regs_and_return_to_usermode';
  /** Back in do_fast_syscall_32, IRQs off: the SYSRETL tests, unless the argument fetch failed. */
  const leave = (q: P, ctx: ModelContext): B[] =>
    ctx.input.behaviour.fred === 'on'
      ? returnDecision(note(q, 'exit_to_user_mode(); FRED drops the answer'), 'eretu', { sysret: iret, iret })
      : q.s.entrySkipped
        ? [
            returnToUser(
              note(q, 'exit_to_user_mode(); __do_fast_syscall_32 returned false: IRET'),
              'IRET',
              iret,
            ),
          ]
        : returnDecision(
            note(q, 'exit_to_user_mode(); back in do_fast_syscall_32: SYSRETL or IRET'),
            compatRule(ctx.input.behaviour, checks),
            { sysret: 'sysret32_from_system_call', iret },
          );
  /** The EBP fetch faulted: no syscall, no entry work; how the kernel leaves from here. */
  const argFault = (r: P, ctx: ModelContext): B => {
    const q = update(note(r, 'regs->ax = -EFAULT: the syscall does not run'), { entrySkipped: true });
    return ctx.input.behaviour.compatArgFault === 'irqentry-exit'
      ? bodyDone(note(irqsOff(q), 'local_irq_disable(); irqentry_exit_to_user_mode(regs)'), N.prepare)
      : bodyDone(note(q, 'syscall_exit_to_user_mode(regs), IRQs still on'), N.exit);
  };
  const SHARED = genericSyscallArms(N, leave);
  const arms = armTable(GENERIC_COMPAT_LABELS, (label) =>
    match<GenericCompatLabel, Arm<GenericCompatLabel>>(label)
      .with('entry_SYSCALL_compat', () => (_s, p) => [compatEntry(p, 'do_fast_syscall_32')])
      .with('do_fast_syscall_32', () => (s, p) => [goto(landingPadFixup(s, p), '__do_fast_syscall_32')])
      .with('__do_fast_syscall_32', () => (_s, p, ctx) => {
        const q = note(
          irqsOn(called(p, 'syscall_enter_from_user_mode_prepare', true)),
          "syscall_enter_from_user_mode_prepare: user_exit, IRQs on; __get_user of EBP from the user's stack",
        );
        return alternatives(q, 'compat-arg-fetch', ctx).flatMap((r) =>
          r.s.nrSkip ? [argFault(r, ctx)] : enterFromUserMode(r, ctx, N, 'syscall_enter_from_user_mode_work'),
        );
      })
      .with('syscall_trace_enter', () => SHARED.traceEnter)
      .with('ptrace_report_syscall_entry', () => SHARED.report)
      .with('__secure_computing', () => SHARED.seccomp)
      .with('ia32_sys_call_table', () => SHARED.table)
      .with('syscall_exit_to_user_mode', () => SHARED.exit)
      .with('exit_to_user_mode_prepare', () => SHARED.prepare)
      .with('exit_to_user_mode_loop', () => SHARED.loop)
      .exhaustive(),
  );
  return {
    path: 'compat-syscall',
    family: 'generic',
    labels: GENERIC_COMPAT_LABELS,
    registers: { work: 'ti_work' },
    masks: [ENTER, EXIT, WORK],
    isSyscall: true,
    wholeSyscall: true,
    initialFlags: (ctx) => (ctx.bit('SINGLESTEP') & ctx.sticky) >>> 0,
    initialWork: (ctx) => ((ctx.mask(ENTER) | ctx.mask(EXIT)) & ctx.stickyWork) >>> 0,
    defersEvents: (s) => BEFORE_RETURN.has(s.label),
    // As on the 64-bit path: until the body has run, pt_regs are kept exact.
    plainSysretFrom: ENTRY_LABELS,
    returnRule: (ctx) => compatRule(ctx.input.behaviour, checks),
    deadFields: DEAD,
    start: (ctx, root) => compatStart('entry_SYSCALL_compat', ctx, root, workAtEntry(ctx, root)),
    step: stepIn(DEAD, (s, ctx) => arms[s.label](s, begin(s), ctx, ctx.bit)),
  };
}

export const genericCompatSyscall = genericCompatSyscallWith(CHECKS_COMPAT);
