import { match } from 'ts-pattern';
import type { ModelContext } from '../../context.js';
import { syscallSlowExitWork } from '../../handlers/exitToUsermode.js';
import { returnDecision, slowPathRule } from '../../handlers/returnDecision.js';
import { syscallBody } from '../../handlers/syscallBody.js';
import {
  type EntryStep,
  entryReport,
  phase1,
  phase2,
  wrapperTraceEnter,
} from '../../handlers/syscallTraceEnter.js';
import {
  entryReportStep,
  seccompStep,
  type TraceEnterNames,
  type TraceEnterNext,
  traceEnterStart,
} from '../../handlers/syscallWork.js';
import { initialState, type Machine } from '../../machine.js';
import { begin, called, goto, irqsOff, irqsOn, note, type Pending, update } from '../../pending.js';
import { SYSCALL_REGS, withFastSyscall } from '../../registers.js';
import { type ModelState, phase1Answer } from '../../state.js';
import type { Branch } from '../../transition.js';
import { type Arm, armTable } from '../arms.js';
import { readFlags } from '../readFlags.js';
import { bodyDone, enterSyscall, entryModes, kindOf, stubOf, stubSaves } from '../wholeSyscall.js';
import { exitToUsermodeLoop, LOOP, prepareExitToUsermode } from './exitLoop.js';

/**
 * A whole 64-bit syscall of the 4.4 era (arch/x86/entry/entry_64.S and common.c; kernel-facts.md
 * §5-6): entry_SYSCALL_64, the fast path or tracesys, the call through sys_call_table and its
 * stubs, then the fast return (ALLWORK tested with IRQs off, SYSRET) or int_ret_from_sys_call:
 * syscall_return_slowpath, prepare_exit_to_usermode and exit_to_usermode_loop in C, and the
 * opportunistic SYSRET. The `syscallEntry` data chooses between 4.3 to 4.5, the December 2015
 * PATCH 07/12 of seed 002, the patch as merged (302f5b260c32), and 4.6 and 4.8, whose entry tests
 * with IRQs off and whose slow path is the C do_syscall_64 (4.6: phase 1 and phase 2; 4.8: a
 * single-phase syscall_trace_enter, ptrace then seccomp) with syscall_return_slowpath straight from
 * C; their fast-path fallback and return_from_SYSCALL_64 keep 4.4's label names here
 * (int_ret_from_sys_call_irqs_off, syscall_return_via_sysret), as they play the same part.
 *
 * Events are explored from the syscall's return on, as in the asm-era machine (see there why).
 * The fast return's label is named as 4.5 names it; in 4.4 the same place is an unnamed `1:`.
 */
export const SYSCALL_LABELS_4X = [
  'entry_SYSCALL_64',
  'entry_SYSCALL_64_fastpath',
  'tracesys',
  'tracesys_phase2',
  'entry_SYSCALL64_slow_path',
  'do_syscall_64',
  'syscall_trace_enter',
  '__secure_computing',
  'tracehook_report_syscall_entry',
  'sys_call_table',
  'stub_ptregs_64',
  'stub_clone',
  'stub_execve',
  'stub_rt_sigreturn',
  '.Lentry_SYSCALL_64_after_fastpath_call',
  'int_ret_from_sys_call_irqs_off',
  'int_ret_from_sys_call',
  'syscall_return_slowpath',
  'prepare_exit_to_usermode',
  'exit_to_usermode_loop',
] as const;
export type Syscall4xLabel = (typeof SYSCALL_LABELS_4X)[number];

export const ENTRY = '_TIF_WORK_SYSCALL_ENTRY';
const ALLWORK = '_TIF_ALLWORK_MASK';
export const EXIT_WORK = 'SYSCALL_EXIT_WORK_FLAGS';
const ALL_FLAGS = 0xffffffff;
/** The labels before the body returns (up to stub_rt_sigreturn). */
const ENTRY_LABELS = SYSCALL_LABELS_4X.slice(0, SYSCALL_LABELS_4X.indexOf('stub_rt_sigreturn') + 1);
const BEFORE_RETURN: ReadonlySet<string> = new Set(ENTRY_LABELS);

export const c4xSyscall: Machine<Syscall4xLabel> = {
  path: 'syscall',
  family: 'c-4x',
  labels: SYSCALL_LABELS_4X,
  registers: { work: 'cached_flags' },
  masks: [ENTRY, ALLWORK, EXIT_WORK, LOOP],
  isSyscall: true,
  wholeSyscall: true,
  initialFlags: entryModes,
  defersEvents: (s) => BEFORE_RETURN.has(s.label),
  // Until the body has returned, the fast return's plain SYSRET is still ahead.
  plainSysretFrom: [...ENTRY_LABELS, '.Lentry_SYSCALL_64_after_fastpath_call'],
  // cached_flags is read afresh by the fast return, syscall_return_slowpath and
  // prepare_exit_to_usermode; only exit_to_usermode_loop uses the value it was given.
  deadFields: {
    '.Lentry_SYSCALL_64_after_fastpath_call': ['work'],
    int_ret_from_sys_call_irqs_off: ['work'],
    int_ret_from_sys_call: ['work'],
    syscall_return_slowpath: ['work'],
    prepare_exit_to_usermode: ['work'],
  },
  // SYSCALL: IRQs off; the pt_regs that entry_SYSCALL_64 builds always has the iret frame.
  // Seed 001's status flag: the SYSCALL entry sets TS_FASTSYSCALL where a kernel uses it.
  start: (ctx, root) =>
    initialState(
      'entry_SYSCALL_64',
      root.flags,
      {
        irqs: false,
        fullFrame: false,
        topOfStack: true,
        auditInSyscall: false,
        regs: withFastSyscall(SYSCALL_REGS, ctx.input.behaviour.opportunisticSysret === 'status-flag'),
      },
      root,
    ),
  step: stepC4xSyscall,
};

/** After syscall_return_slowpath: the opportunistic SYSRET, which tests the registers first. */
function leave(q: Pending<Syscall4xLabel>, ctx: ModelContext): Branch<Syscall4xLabel>[] {
  return returnDecision(note(q, 'user_enter(); RESTORE_EXTRA_REGS'), slowPathRule(ctx.input.behaviour), {
    sysret: 'syscall_return_via_sysret',
    iret: 'restore_c_regs_and_iret',
  });
}

const slowTable = (q: Pending<Syscall4xLabel>): Branch<Syscall4xLabel> =>
  goto(
    update(note(q, 'RESTORE_C_REGS_EXCEPT_RAX; RESTORE_EXTRA_REGS'), { fastPath: false }),
    'sys_call_table',
  );
const next = (e: EntryStep<Syscall4xLabel>): Branch<Syscall4xLabel> =>
  e.reportNext ? goto(e.p, 'tracehook_report_syscall_entry') : slowTable(e.p);
/** Where the body returns to: the caller of sys_call_table (4.8's slow path: do_syscall_64, in C). */
const back = (fast: boolean, ctx: ModelContext): Syscall4xLabel =>
  fast
    ? '.Lentry_SYSCALL_64_after_fastpath_call'
    : cSlowPath(ctx)
      ? 'syscall_return_slowpath'
      : 'int_ret_from_sys_call';

/** 4.6 and later: the slow path is entry_SYSCALL64_slow_path and the C do_syscall_64. */
export const cSlowPath = (ctx: ModelContext): boolean => {
  const t = ctx.input.behaviour.syscallEntry?.tracesys;
  return t === 'do-syscall-64' || t === 'do-syscall-64-two-phase';
};
/** 4.8: the single-phase syscall_trace_enter, ptrace before seccomp. */
export const singlePhase48 = (ctx: ModelContext): boolean =>
  ctx.input.behaviour.syscallEntry?.tracesys === 'do-syscall-64';

export const NAMES_4_8: TraceEnterNames = {
  report: 'tracehook_report_syscall_entry',
  audit: 'do_audit_syscall_entry',
};
const TO_4_8: Record<Exclude<TraceEnterNext, 'done'>, Syscall4xLabel> = {
  report: 'tracehook_report_syscall_entry',
  seccomp: '__secure_computing',
};
/** do_syscall_64 (4.8) calls the table itself: no asm register restore on the way. */
const cTable = (q: Pending<Syscall4xLabel>): Branch<Syscall4xLabel> =>
  goto(update(q, { fastPath: false }), 'sys_call_table');
const onward48 = (x: { p: Pending<Syscall4xLabel>; next: TraceEnterNext }): Branch<Syscall4xLabel> =>
  x.next === 'done' ? cTable(x.p) : goto(x.p, TO_4_8[x.next]);

function entryData(ctx: ModelContext) {
  const entry = ctx.input.behaviour.syscallEntry;
  if (entry === undefined) throw new Error(`${ctx.input.pathsFrom} has no syscall entry data`);
  return entry;
}

const ARMS = armTable(SYSCALL_LABELS_4X, (label) =>
  match<Syscall4xLabel, Arm<Syscall4xLabel>>(label)
    .with('entry_SYSCALL_64', () => (_s, p, ctx) => {
      const built = 'SWAPGS, pt_regs built (bx, bp, r12-r15 not saved)';
      return cSlowPath(ctx)
        ? enterSyscall(
            p,
            ctx,
            `${built}, IRQs still off`,
            'entry_SYSCALL_64_fastpath',
            'entry_SYSCALL64_slow_path',
            [ENTRY, ALLWORK],
            false,
          )
        : enterSyscall(p, ctx, `${built}, IRQs on`, 'entry_SYSCALL_64_fastpath', 'tracesys');
    })
    .with('entry_SYSCALL64_slow_path', () => (_s, p, _ctx) => [
      goto(
        note(update(p, { fullFrame: true, fastPath: false }), 'SAVE_EXTRA_REGS; call do_syscall_64'),
        'do_syscall_64',
      ),
    ])
    .with('do_syscall_64', () => (s, p, ctx) => {
      const q = note(irqsOn(called(p, 'do_syscall_64', true)), 'enter_from_user_mode(); IRQs on');
      return entryWorkTest(q, s.flags, ctx, cTable, 'syscall_trace_enter');
    })
    .with(
      'syscall_trace_enter',
      () => (s, p, ctx) =>
        singlePhase48(ctx)
          ? [onward48(traceEnter48(s, p, ctx))]
          : wrapperTraceEnter(p, ctx).map((e) =>
              e.reportNext ? goto(e.p, 'tracehook_report_syscall_entry') : cTable(e.p),
            ),
    )
    .with(
      '__secure_computing',
      () => (s, p, ctx) => seccompStep(p, ctx, s.entryFlags, NAMES_4_8).map(slowTable),
    )
    .with('entry_SYSCALL_64_fastpath', () => (_s, p, ctx) => [
      goto(
        update(cSlowPath(ctx) ? note(irqsOn(p), 'TRACE_IRQS_ON; ENABLE_INTERRUPTS') : p, { fastPath: true }),
        'sys_call_table',
      ),
    ])
    .with('tracesys', () => (_s, p, ctx) => {
      const entry = entryData(ctx);
      return match(entry.tracesys)
        .with('phase1-rejoin', () => {
          const q = phase1(p, ctx);
          return phase1Answer(q.s) === 'zero'
            ? [
                goto(
                  note(q, 'RESTORE_C_REGS_EXCEPT_RAX; rax = orig_ax: back to the fast path'),
                  'entry_SYSCALL_64_fastpath',
                ),
              ]
            : [goto(q, 'tracesys_phase2')];
        })
        .with('phase1-then-phase2', () => [goto(phase1(p, ctx), 'tracesys_phase2')])
        .with('wrapper', () =>
          wrapperTraceEnter(note(update(p, { fullFrame: true }), 'SAVE_EXTRA_REGS'), ctx).map(next),
        )
        .with('single-phase', () => {
          throw new Error(
            `tracesys 'single-phase' is the asm era's; ${ctx.input.pathsFrom} uses the c-4x machine`,
          );
        })
        .with('do-syscall-64', 'do-syscall-64-two-phase', () => {
          throw new Error(`${ctx.input.pathsFrom} has no tracesys: its slow path is do_syscall_64`);
        })
        .exhaustive();
    })
    .with(
      'tracesys_phase2',
      () => (_s, p, ctx) => phase2(note(update(p, { fullFrame: true }), 'SAVE_EXTRA_REGS'), ctx).map(next),
    )
    .with(
      'tracehook_report_syscall_entry',
      () => (s, p, ctx) =>
        singlePhase48(ctx)
          ? entryReportStep(p, ctx, s.entryFlags, NAMES_4_8).map(onward48)
          : entryReport(p, ctx).map(cSlowPath(ctx) ? cTable : slowTable),
    )
    .with('sys_call_table', () => (s, p, ctx) => {
      const entry = entryData(ctx);
      const inC = !s.fastPath && cSlowPath(ctx);
      const q = note(
        p,
        s.fastPath
          ? 'call *sys_call_table(,%rax,8) on the fast path'
          : inC
            ? 'do_syscall_64: sys_call_table[nr](args)'
            : 'call *sys_call_table(,%rax,8) on the slow path',
      );
      if (s.nrSkip) {
        const why = inC
          ? 'nr = -1: do_syscall_64 calls no syscall'
          : 'orig_ax = -1, above __NR_syscall_max: no syscall runs';
        return [bodyDone(note(q, why), back(s.fastPath, ctx))];
      }
      const ptregs = entry.ptregs !== 'stubs' && entry.ptregsKinds.includes(kindOf(s));
      if (ptregs && (s.fastPath || entry.ptregs === 'stub-checks-caller')) return [goto(q, 'stub_ptregs_64')];
      const stub = stubOf(ctx, s);
      if (stub?.label === 'stub_iopl') throw new Error('4.x has no stub_iopl');
      if (stub !== undefined) return [goto(q, stub.label)];
      return syscallBody(q, ctx, kindOf(s)).map((b) => bodyDone(b, back(s.fastPath, ctx)));
    })
    .with('stub_ptregs_64', () => (s, p, ctx) => {
      const entry = entryData(ctx);
      if (entry.ptregs === 'stub-to-slow-path' || s.fastPath) {
        // The RFC jumps to tracesys whoever called; the merged stub only when the fast path did.
        const why = entry.ptregs === 'stub-to-slow-path' ? '' : 'called from the fast path: ';
        // 4.6's slow path expects IRQs off, as the entry left them; 302f5b260c32's tracesys runs
        // with them on.
        const slow = cSlowPath(ctx) ? 'entry_SYSCALL64_slow_path' : 'tracesys';
        const q = note(p, `${why}drop the return address, jmp ${slow}`);
        return [goto(update(cSlowPath(ctx) ? irqsOff(q) : q, { fastPath: false }), slow)];
      }
      return syscallBody(note(p, 'called from the slow path: jmp *%rax'), ctx, kindOf(s)).map((b) =>
        bodyDone(b, back(false, ctx)),
      );
    })
    .with('stub_clone', 'stub_execve', 'stub_rt_sigreturn', (label) => (s, p, ctx) => {
      const stub = stubOf(ctx, s);
      if (stub === undefined || stub.label !== label) throw new Error(`${label}: not this syscall's stub`);
      return syscallBody(stubSaves(p, stub, 'SAVE_EXTRA_REGS'), ctx, kindOf(s)).map((b) =>
        stub.leaves === 'iret-path'
          ? bodyDone(note(b, 'jmp int_ret_from_sys_call'), 'int_ret_from_sys_call')
          : bodyDone(note(b, 'ret'), back(s.fastPath, ctx)),
      );
    })
    .with('.Lentry_SYSCALL_64_after_fastpath_call', () => (_s, p, ctx) => {
      const q = readFlags(
        note(irqsOff(p), 'movq %rax, RAX(%rsp)'),
        ctx.mask(ALLWORK),
        ctx,
        true,
        'flags & _TIF_ALLWORK_MASK',
      );
      return q.s.work !== 0
        ? [goto(q, 'int_ret_from_sys_call_irqs_off')]
        : returnDecision(q, 'sysret-eflags', {
            sysret: 'entry_SYSCALL_64_fastpath',
            iret: 'entry_SYSCALL_64_fastpath',
          });
    })
    .with('int_ret_from_sys_call_irqs_off', () => (_s, p, _ctx) => [
      goto(note(irqsOn(p), 'IRQs on'), 'int_ret_from_sys_call'),
    ])
    .with('int_ret_from_sys_call', () => (_s, p, _ctx) => [
      goto(note(update(p, { fullFrame: true }), 'SAVE_EXTRA_REGS'), 'syscall_return_slowpath'),
    ])
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

/**
 * ~4.8's single syscall_trace_enter (64-bit and compat alike): it works from the flags of
 * _TIF_WORK_SYSCALL_ENTRY as they are now; the ptrace report comes first.
 */
export function traceEnter48<L extends string>(
  s: ModelState<L>,
  p: Pending<L>,
  ctx: ModelContext,
): { p: Pending<L>; next: TraceEnterNext } {
  const work = (s.flags & ctx.mask(ENTRY)) >>> 0;
  const q = note(
    called(p, 'syscall_trace_enter', true),
    () => `syscall_trace_enter(regs): work = ${ctx.fmt(work)}`,
  );
  return traceEnterStart(update(q, { entryFlags: work }), ctx, work, NAMES_4_8);
}

/**
 * The C entry's test (4.8's do_syscall_64, 4.4's do_syscall_32_irqs_on): with a flag of
 * _TIF_WORK_SYSCALL_ENTRY, syscall_trace_enter; else straight to the table.
 */
export function entryWorkTest<L extends string>(
  q: Pending<L>,
  flags: number,
  ctx: ModelContext,
  table: (q: Pending<L>) => Branch<L>,
  traceEnter: L,
): Branch<L>[] {
  const work = (flags & ctx.mask(ENTRY)) >>> 0;
  return work === 0
    ? [table(note(q, 'flags & _TIF_WORK_SYSCALL_ENTRY = 0'))]
    : [
        goto(
          note(q, () => `flags & _TIF_WORK_SYSCALL_ENTRY = ${ctx.fmt(work)}`),
          traceEnter,
        ),
      ];
}

/**
 * syscall_return_slowpath (4.4; read for this project): cached_flags read with IRQs on, the
 * one-time exit work for SYSCALL_EXIT_WORK_FLAGS, then IRQs off and prepare_exit_to_usermode.
 * The 64-bit and compat syscalls share it.
 */
export function syscallReturnSlowpath<L extends string>(
  p: Pending<L>,
  ctx: ModelContext,
  prepare: L,
): Branch<L>[] {
  const q = readFlags(called(p, 'syscall_return_slowpath', true), ALL_FLAGS, ctx, true, 'cached_flags');
  const cached = q.s.work;
  const ps =
    (cached & ctx.mask(EXIT_WORK)) !== 0
      ? syscallSlowExitWork(q, ctx, cached)
      : [note(q, 'cached_flags & SYSCALL_EXIT_WORK_FLAGS = 0')];
  return ps.map((r) => goto(note(irqsOff(r), 'IRQs off'), prepare));
}

function stepC4xSyscall(s: ModelState<Syscall4xLabel>, ctx: ModelContext): Branch<Syscall4xLabel>[] {
  return ARMS[s.label](s, begin(s), ctx, ctx.bit);
}
