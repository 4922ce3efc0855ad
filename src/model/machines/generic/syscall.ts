import { match } from 'ts-pattern';
import type { SyscallEntry } from '../../../kernels/behaviour/types.js';
import type { ModelContext } from '../../context.js';
import { returnDecision, slowPathRule } from '../../handlers/returnDecision.js';
import { syscallBody } from '../../handlers/syscallBody.js';
import {
  entryReportStep,
  seccompStep,
  syscallExitWork,
  type TraceEnterNames,
  type TraceEnterNext,
  traceEnterStart,
} from '../../handlers/syscallWork.js';
import { initialState, type Machine } from '../../machine.js';
import { begin, called, goto, irqsOff, irqsOn, note, type Pending, update } from '../../pending.js';
import type { ModelState } from '../../state.js';
import type { Branch } from '../../transition.js';
import { type Arm, armTable } from '../arms.js';
import { owedAt } from '../readFlags.js';
import { bodyDone, kindOf } from '../wholeSyscall.js';
import { exitToUserModeLoop, exitToUserModePrepare, WORK } from './exitLoop.js';

/**
 * A whole 64-bit syscall under generic entry (5.11+; kernel/entry/common.c and
 * arch/x86/entry/common.c, kernel-facts.md §1.2 and §4): entry_SYSCALL_64 saves the whole pt_regs
 * and calls do_syscall_64; syscall_enter_from_user_mode turns IRQs on and reads ti->syscall_work
 * once; with a bit of SYSCALL_WORK_ENTER, syscall_trace_enter runs the ptrace report, then seccomp
 * (after ptrace since 4.8), the tracepoint and audit. The syscall runs unless its number is -1.
 * syscall_exit_to_user_mode reads syscall_work again and, with a bit of SYSCALL_WORK_EXIT, runs
 * syscall_exit_work once with IRQs on; then IRQs off and exit_to_user_mode_prepare with its loop.
 * Back in entry_SYSCALL_64 (5.11: asm; 6.8+: do_syscall_64's return value) the register tests
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

const ENTER = 'SYSCALL_WORK_ENTER';
const EXIT = 'SYSCALL_WORK_EXIT';
const BEFORE_RETURN: ReadonlySet<string> = new Set(GENERIC_SYSCALL_LABELS.slice(0, 6));

/**
 * What the syscall functions need of pt_regs, as in 4.4 (clone copies it to the child,
 * rt_sigreturn restores it); every syscall finds it whole in this era.
 */
const FRAME_NEEDS: SyscallEntry['frameNeeds'] = { fork: 'full', rt_sigreturn: 'full' };

type P = Pending<GenericSyscallLabel>;
type B = Branch<GenericSyscallLabel>;

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
  // ti_work is read afresh by exit_to_user_mode_prepare; only the loop uses the value it was given.
  deadRegisters: {
    entry_SYSCALL_64: ['work'],
    do_syscall_64: ['work'],
    syscall_trace_enter: ['work'],
    ptrace_report_syscall_entry: ['work'],
    __secure_computing: ['work'],
    sys_call_table: ['work'],
    syscall_exit_to_user_mode: ['work'],
    exit_to_user_mode_prepare: ['work'],
  },
  // SYSCALL: IRQs off. A task being single-stepped has what user_enable_single_step set in
  // syscall_work along with TIF_SINGLESTEP.
  start: (ctx, root) => {
    const stepping = (root.flags & ctx.bit('SINGLESTEP')) !== 0;
    const stepWork = (ctx.input.behaviour.singleStep?.work ?? []).reduce((v, n) => v | ctx.workBit(n), 0);
    return initialState(
      'entry_SYSCALL_64',
      root.flags,
      { irqs: false, fullFrame: false, topOfStack: true, auditInSyscall: false },
      { kind: root.kind, seccomp: root.seccomp, work: root.work | (stepping ? stepWork : 0) },
    );
  },
  step: stepGenericSyscall,
};

const leave = (q: P, ctx: ModelContext): B[] =>
  returnDecision(note(q, 'exit_to_user_mode()'), slowPathRule(ctx.input.behaviour), {
    sysret: 'syscall_return_via_sysret',
    iret: 'swapgs_restore_regs_and_return_to_usermode',
  });

const NAMES: TraceEnterNames = { report: 'ptrace_report_syscall_entry', audit: 'syscall_enter_audit' };

const TO: Record<TraceEnterNext, GenericSyscallLabel> = {
  report: 'ptrace_report_syscall_entry',
  seccomp: '__secure_computing',
  done: 'sys_call_table',
};
const onward = (x: { p: P; next: TraceEnterNext }): B => goto(x.p, TO[x.next]);

const ARMS = armTable(GENERIC_SYSCALL_LABELS, (label) =>
  match<GenericSyscallLabel, Arm<GenericSyscallLabel>>(label)
    .with('entry_SYSCALL_64', () => (_s, p) => [
      goto(
        note(
          update(p, { fullFrame: true, topOfStack: true }),
          'SWAPGS; PUSH_AND_CLEAR_REGS: the whole pt_regs saved; call do_syscall_64',
        ),
        'do_syscall_64',
      ),
    ])
    .with('do_syscall_64', () => (s, p, ctx) => {
      const work = s.syscallWork;
      const q = note(
        update(irqsOn(called(p, 'syscall_enter_from_user_mode', true)), { entryFlags: work }),
        () => `syscall_enter_from_user_mode: user_exit, IRQs on; work = syscall_work = ${ctx.fmtWork(work)}`,
      );
      const enter = (work & ctx.mask(ENTER)) >>> 0;
      return enter === 0
        ? [goto(note(q, 'work & SYSCALL_WORK_ENTER = 0'), 'sys_call_table')]
        : [
            goto(
              note(q, () => `work & SYSCALL_WORK_ENTER = ${ctx.fmtWork(enter)}`),
              'syscall_trace_enter',
            ),
          ];
    })
    .with('syscall_trace_enter', () => (s, p, ctx) => {
      const work = s.entryFlags;
      const q = note(
        called(p, 'syscall_trace_enter', true),
        () => `syscall_trace_enter(regs, nr, ${ctx.fmtWork(work)})`,
      );
      return [onward(traceEnterStart(q, ctx, work, NAMES))];
    })
    .with(
      'ptrace_report_syscall_entry',
      () => (s, p, ctx) => entryReportStep(p, ctx, s.entryFlags, NAMES).map(onward),
    )
    .with(
      '__secure_computing',
      () => (s, p, ctx) => seccompStep(p, ctx, s.entryFlags, NAMES).map((q) => goto(q, 'sys_call_table')),
    )
    .with('sys_call_table', () => (s, p, ctx) => {
      if (s.nrSkip)
        return [bodyDone(note(p, 'do_syscall_64: nr = -1, no syscall runs'), 'syscall_exit_to_user_mode')];
      return syscallBody(note(p, 'do_syscall_64: sys_call_table[nr](regs)'), ctx, kindOf(s), FRAME_NEEDS).map(
        (b) => bodyDone(b, 'syscall_exit_to_user_mode'),
      );
    })
    .with('syscall_exit_to_user_mode', () => (s, p, ctx) => {
      const work = s.syscallWork;
      // The exit's first look at the modes fixes the exit work it owes.
      const q = note(
        update(called(p, 'syscall_exit_to_user_mode', true), { owed: owedAt(ctx, s), sampled: true }),
        () => `syscall_exit_to_user_mode_prepare: work = syscall_work = ${ctx.fmtWork(work)}`,
      );
      const exit = (work & ctx.mask(EXIT)) >>> 0;
      const ps = exit !== 0 ? syscallExitWork(q, ctx, work) : [note(q, 'work & SYSCALL_WORK_EXIT = 0')];
      return ps.map((r) =>
        goto(note(irqsOff(r), 'local_irq_disable_exit_to_user()'), 'exit_to_user_mode_prepare'),
      );
    })
    .with(
      'exit_to_user_mode_prepare',
      () => (_s, p, ctx) => exitToUserModePrepare(p, ctx, 'exit_to_user_mode_loop', leave),
    )
    .with('exit_to_user_mode_loop', () => (s, p, ctx) => exitToUserModeLoop(s, p, ctx, leave))
    .exhaustive(),
);

function stepGenericSyscall(s: ModelState<GenericSyscallLabel>, ctx: ModelContext): B[] {
  return ARMS[s.label](s, begin(s), ctx, ctx.bit);
}
