import { match } from 'ts-pattern';
import type { ModelContext } from '../../context.js';
import { returnDecision, slowPathRule } from '../../handlers/returnDecision.js';
import { initialState, type Machine, stepIn } from '../../machine.js';
import { begin, called, goto, irqsOn, note, type Pending, update } from '../../pending.js';
import type { ModelState } from '../../state.js';
import type { Branch } from '../../transition.js';
import { type Arm, armTable } from '../arms.js';
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
 * A whole 64-bit syscall under generic entry (5.11+; kernel/entry/common.c and
 * arch/x86/entry/common.c, kernel-facts.md §1.2 and §4): entry_SYSCALL_64 saves the whole pt_regs
 * and calls do_syscall_64; syscall_enter_from_user_mode turns IRQs on and reads ti->syscall_work
 * once; with a bit of SYSCALL_WORK_ENTER, syscall_trace_enter runs the ptrace report, then seccomp
 * (after ptrace since 4.8), the tracepoint and audit. The syscall runs unless its number is -1.
 * syscall_exit_to_user_mode reads syscall_work again and, with a bit of SYSCALL_WORK_EXIT, runs
 * syscall_exit_work once with IRQs on; then IRQs off and exit_to_user_mode_prepare with its loop.
 * Back in entry_SYSCALL_64 (5.11: asm; 6.7+: do_syscall_64's return value) the register tests
 * choose SYSRET or IRET.
 *
 * There is no fast path and no partial frame in this era. `entryFlags` holds the syscall_work
 * snapshot syscall_trace_enter works from, until the body runs. Events are explored from the
 * syscall's return on, as in the other whole-syscall machines.
 */
export const GENERIC_SYSCALL_LABELS = [
  'entry_SYSCALL_64',
  'do_syscall_64',
  'syscall_trace_enter',
  'ptrace_report_syscall_entry',
  '__secure_computing',
  'sys_call_table',
  'syscall_exit_to_user_mode',
  'exit_to_user_mode_prepare',
  'exit_to_user_mode_loop',
] as const;
export type GenericSyscallLabel = (typeof GENERIC_SYSCALL_LABELS)[number];

const BEFORE_RETURN: ReadonlySet<string> = new Set(GENERIC_SYSCALL_LABELS.slice(0, 6));

type P = Pending<GenericSyscallLabel>;
type B = Branch<GenericSyscallLabel>;

const N: GenericSyscallNames<GenericSyscallLabel> = {
  traceEnter: 'syscall_trace_enter',
  report: 'ptrace_report_syscall_entry',
  seccomp: '__secure_computing',
  table: 'sys_call_table',
  exit: 'syscall_exit_to_user_mode',
  prepare: 'exit_to_user_mode_prepare',
  loop: 'exit_to_user_mode_loop',
  caller: 'do_syscall_64',
};
const DEAD = genericSyscallDead(GENERIC_SYSCALL_LABELS, N);

export const genericSyscall: Machine<GenericSyscallLabel> = {
  path: 'syscall',
  family: 'generic',
  labels: GENERIC_SYSCALL_LABELS,
  registers: { work: 'ti_work' },
  masks: [ENTER, EXIT, WORK],
  isSyscall: true,
  wholeSyscall: true,
  // The step modes: TIF_SINGLESTEP is the one syscall mode left in ti->flags.
  initialFlags: (ctx) => (ctx.bit('SINGLESTEP') & ctx.sticky) >>> 0,
  initialWork: (ctx) => ((ctx.mask(ENTER) | ctx.mask(EXIT)) & ctx.stickyWork) >>> 0,
  defersEvents: (s) => BEFORE_RETURN.has(s.label),
  // No plain SYSRET anywhere: every return reads pt_regs through the era's tests. Until the body
  // has run, pt_regs are kept as they are all the same: its event stops (fork, execve) branch on
  // whether the stop changes who wrote them (optionalPtraceStop).
  plainSysretFrom: GENERIC_SYSCALL_LABELS.slice(0, 6),
  deadFields: DEAD,
  // SYSCALL: IRQs off. A task being single-stepped has what user_enable_single_step set in
  // syscall_work along with TIF_SINGLESTEP.
  start: (ctx, root) =>
    initialState(
      'entry_SYSCALL_64',
      root.flags,
      { irqs: false, fullFrame: false, topOfStack: true, auditInSyscall: false },
      { kind: root.kind, seccomp: root.seccomp, work: workAtEntry(ctx, root) },
    ),
  step: stepIn(DEAD, stepGenericSyscall),
};

const leave = (q: P, ctx: ModelContext): B[] =>
  returnDecision(note(q, 'exit_to_user_mode()'), slowPathRule(ctx.input.behaviour), {
    sysret: 'syscall_return_via_sysret',
    iret: 'swapgs_restore_regs_and_return_to_usermode',
  });

const SHARED = genericSyscallArms(N, leave);

const ARMS = armTable(GENERIC_SYSCALL_LABELS, (label) =>
  match<GenericSyscallLabel, Arm<GenericSyscallLabel>>(label)
    .with('entry_SYSCALL_64', () => (_s, p, ctx) => [
      goto(
        note(
          update(p, { fullFrame: true, topOfStack: true }),
          ctx.input.behaviour.fred === 'on'
            ? 'FRED: asm_fred_entrypoint_user, the whole pt_regs saved; fred_entry_from_user -> fred_other calls do_syscall_64'
            : 'SWAPGS; PUSH_AND_CLEAR_REGS: the whole pt_regs saved; call do_syscall_64',
        ),
        'do_syscall_64',
      ),
    ])
    .with(
      'do_syscall_64',
      () => (_s, p, ctx) =>
        enterFromUserMode(
          irqsOn(called(p, 'syscall_enter_from_user_mode', true)),
          ctx,
          N,
          'syscall_enter_from_user_mode: user_exit, IRQs on',
        ),
    )
    .with('syscall_trace_enter', () => SHARED.traceEnter)
    .with('ptrace_report_syscall_entry', () => SHARED.report)
    .with('__secure_computing', () => SHARED.seccomp)
    .with('sys_call_table', () => SHARED.table)
    .with('syscall_exit_to_user_mode', () => SHARED.exit)
    .with('exit_to_user_mode_prepare', () => SHARED.prepare)
    .with('exit_to_user_mode_loop', () => SHARED.loop)
    .exhaustive(),
);

function stepGenericSyscall(s: ModelState<GenericSyscallLabel>, ctx: ModelContext): B[] {
  return ARMS[s.label](s, begin(s), ctx, ctx.bit);
}
