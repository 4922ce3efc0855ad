import { match } from 'ts-pattern';
import type { ModelContext } from '../../context.js';
import { auditSyscallEntry } from '../../handlers/auditEntry.js';
import { syscallBody } from '../../handlers/syscallBody.js';
import {
  type EntryStep,
  entryReport,
  phase1,
  phase2,
  singlePhaseTraceEnter,
} from '../../handlers/syscallTraceEnter.js';
import { initialState, type Machine } from '../../machine.js';
import { begin, goto, note, type Pending, update } from '../../pending.js';
import { type ModelState, phase1Answer } from '../../state.js';
import type { Branch } from '../../transition.js';
import { type Arm, armTable } from '../arms.js';
import { bodyDone, enterSyscall, entryModes, kindOf, stubOf, stubSaves } from '../wholeSyscall.js';
import {
  SYSCALL_EXIT_DEAD,
  SYSCALL_EXIT_LABELS,
  SYSRET_FAST_PATH,
  type SyscallExitLabel,
  stepSyscallExit,
} from './syscallExit.js';

/**
 * A whole 64-bit syscall of the asm era (arch/x86/kernel/entry_64.S, 3.x; kernel-facts.md §3 and
 * §5): system_call, the fast path or tracesys (with auditsys before 3.18, with the two phases from
 * 3.18), the call through sys_call_table and the ptregs stubs, then the syscall exit of
 * syscallExit.ts. Which variant of the entry runs is the kernel's `syscallEntry` data.
 *
 * Asynchronous events are explored from the syscall's return on, not during entry and body: the
 * entry reads only the sticky modes and SYSCALL_TRACEPOINT, so an event that sets return work
 * then is the same as that event at ret_from_sys_call (IRQs on); a tracepoint switched on during
 * entry only decides whether this syscall's trace_sys_enter fires, which no property is about.
 */
export const SYSCALL_ENTRY_LABELS_3X = [
  'system_call',
  'system_call_fastpath',
  'tracesys',
  'auditsys',
  'syscall_trace_enter',
  'tracesys_phase2',
  'tracehook_report_syscall_entry',
  'sys_call_table',
  'stub_clone',
  'stub_execve',
  'stub_rt_sigreturn',
  'stub_iopl',
] as const;
type EntryLabel = (typeof SYSCALL_ENTRY_LABELS_3X)[number];
export type AsmSyscallLabel = EntryLabel | SyscallExitLabel;

const ENTRY = '_TIF_WORK_SYSCALL_ENTRY';
const ENTRY_SET: ReadonlySet<string> = new Set(SYSCALL_ENTRY_LABELS_3X);

export const asmSyscall: Machine<AsmSyscallLabel> = {
  path: 'syscall',
  family: 'asm-3x',
  labels: [...SYSCALL_ENTRY_LABELS_3X, ...SYSCALL_EXIT_LABELS],
  registers: { mask: '%edi', work: '%edx' },
  masks: [ENTRY, '_TIF_ALLWORK_MASK', '_TIF_WORK_MASK', '_TIF_WORK_SYSCALL_EXIT', '_TIF_DO_NOTIFY_MASK'],
  isSyscall: true,
  wholeSyscall: true,
  initialFlags: entryModes,
  defersEvents: (s) => ENTRY_SET.has(s.label),
  deadFields: SYSCALL_EXIT_DEAD,
  // Until the body has returned, the fast path (and its SYSRET) is still ahead.
  plainSysretFrom: [...SYSCALL_ENTRY_LABELS_3X, ...SYSRET_FAST_PATH],
  // The SYSCALL instruction: IRQs off, nothing saved yet, no audit record open.
  start: (_ctx, root) =>
    initialState(
      'system_call',
      root.flags,
      { irqs: false, fullFrame: false, topOfStack: false, auditInSyscall: false },
      root,
    ),
  step: stepAsmSyscall,
};

/** Back to the asm after the C entry work: the syscall number is in %rax again. */
const toTable = (q: Pending<AsmSyscallLabel>): Branch<AsmSyscallLabel> =>
  goto(note(update(q, { fullFrame: false }), 'LOAD_ARGS; RESTORE_REST'), 'sys_call_table');
const next = (e: EntryStep<AsmSyscallLabel>): Branch<AsmSyscallLabel> =>
  e.reportNext ? goto(e.p, 'tracehook_report_syscall_entry') : toTable(e.p);
/** Where the body returns to: the caller of sys_call_table. */
const back = (s: ModelState): AsmSyscallLabel => (s.fastPath ? 'ret_from_sys_call' : 'int_ret_from_sys_call');

function entryData(ctx: ModelContext) {
  const entry = ctx.input.behaviour.syscallEntry;
  if (entry === undefined) throw new Error(`${ctx.input.pathsFrom} has no syscall entry data`);
  return entry;
}

const ARMS = armTable<EntryLabel, AsmSyscallLabel>(SYSCALL_ENTRY_LABELS_3X, (label) =>
  match<EntryLabel, Arm<AsmSyscallLabel>>(label)
    .with(
      'system_call',
      () => (_s, p, ctx) =>
        enterSyscall(
          p,
          ctx,
          'SWAPGS, kernel stack, IRQs on, SAVE_ARGS (partial frame)',
          'system_call_fastpath',
          'tracesys',
        ),
    )
    .with('system_call_fastpath', () => (_s, p) => [goto(update(p, { fastPath: true }), 'sys_call_table')])
    .with('tracesys', () => (s, p, ctx) => {
      const entry = entryData(ctx);
      return match(entry.tracesys)
        .with('single-phase', () => {
          const rest = (s.flags & ctx.mask(ENTRY) & ~ctx.bit('SYSCALL_AUDIT')) >>> 0;
          if (entry.auditsys && rest === 0)
            return [goto(note(p, 'only SYSCALL_AUDIT: the asm audit fast path'), 'auditsys')];
          return [
            goto(
              note(update(p, { fullFrame: true, topOfStack: true }), 'SAVE_REST; FIXUP_TOP_OF_STACK'),
              'syscall_trace_enter',
            ),
          ];
        })
        .with('phase1-rejoin', () => {
          const q = phase1(p, ctx);
          return phase1Answer(q.s) === 'zero'
            ? [goto(note(q, 'LOAD_ARGS: back to the fast path'), 'system_call_fastpath')]
            : [goto(q, 'tracesys_phase2')];
        })
        .with('phase1-then-phase2', 'wrapper', 'do-syscall-64', 'do-syscall-64-two-phase', (t) => {
          throw new Error(`tracesys '${t}' is a 4.x entry; ${ctx.input.pathsFrom} uses the asm-3x machine`);
        })
        .exhaustive();
    })
    .with('auditsys', () => (_s, p, ctx) => [
      goto(note(auditSyscallEntry(p, ctx, '__audit_syscall_entry'), 'LOAD_ARGS'), 'system_call_fastpath'),
    ])
    .with('syscall_trace_enter', () => (_s, p, ctx) => singlePhaseTraceEnter(p, ctx).map(next))
    .with(
      'tracesys_phase2',
      () => (_s, p, ctx) =>
        phase2(
          note(update(p, { fullFrame: true, topOfStack: true }), 'SAVE_REST; FIXUP_TOP_OF_STACK'),
          ctx,
        ).map(next),
    )
    .with('tracehook_report_syscall_entry', () => (_s, p, ctx) => entryReport(p, ctx).map(toTable))
    .with('sys_call_table', () => (s, p, ctx) => {
      const q = note(
        p,
        s.fastPath
          ? 'call *sys_call_table(,%rax,8) on the fast path'
          : 'call *sys_call_table(,%rax,8) from tracesys',
      );
      if (s.nrSkip)
        return [bodyDone(note(q, 'orig_ax = -1, above __NR_syscall_max: no syscall runs'), back(s))];
      const stub = stubOf(ctx, s);
      if (stub !== undefined) return [goto(q, stub.label as AsmSyscallLabel)];
      return syscallBody(q, ctx, kindOf(s)).map((b) => bodyDone(b, back(s)));
    })
    .with('stub_clone', 'stub_execve', 'stub_rt_sigreturn', 'stub_iopl', (label) => (s, p, ctx) => {
      const stub = stubOf(ctx, s);
      if (stub === undefined || stub.label !== label) throw new Error(`${label}: not this syscall's stub`);
      const q = stubSaves(p, stub, 'SAVE_REST; FIXUP_TOP_OF_STACK');
      return syscallBody(q, ctx, kindOf(s)).map((b) => {
        if (stub.leaves === 'iret-path')
          return bodyDone(note(update(b, { fullFrame: false }), 'RESTORE_REST'), 'int_ret_from_sys_call');
        // ret $REST_SKIP / ret: back where sys_call_table was called, frame as the caller had it.
        const r = update(b, { fullFrame: false, topOfStack: !s.fastPath });
        return bodyDone(note(r, 'RESTORE_TOP_OF_STACK; ret'), back(s));
      });
    })
    .exhaustive(),
);

function stepAsmSyscall(s: ModelState<AsmSyscallLabel>, ctx: ModelContext): Branch<AsmSyscallLabel>[] {
  if (!ENTRY_SET.has(s.label)) return stepSyscallExit(s as ModelState<SyscallExitLabel>, ctx);
  return ARMS[s.label as EntryLabel](s, begin(s), ctx, ctx.bit);
}
