import type { PropertyId } from '../src/check/propertyId.js';
import type { KernelId } from '../src/kernels/kernelId.js';
import type { PathId } from '../src/kernels/pathId.js';

/**
 * The expected verdict of every property on every path of every built-in kernel, failures
 * included: data that properties/builtinKernels.test.ts checks against the exhaustive search. A path
 * missing from a row means the property does not apply there; `masks` is the verdict of a mask
 * property for a kernel whose paths are not modelled yet.
 */
type Row = Partial<Record<PathId | 'masks', 'holds' | 'violated'>>;
export type VerdictTable = Record<KernelId, Partial<Record<PropertyId, Row>>>;

const H = 'holds' as const;
const V = 'violated' as const;
const EXITS = ['syscall-exit', 'interrupt-exit', 'exception-exit', 'paranoid-exit'] as const;
const all = (v: 'holds' | 'violated'): Row => Object.fromEntries(EXITS.map((p) => [p, v]));

/** The entry properties on a whole syscall: all hold unless a kernel says otherwise. */
const ENTRY_HOLDS = {
  'entry-work-once': { syscall: H },
  'exit-work-after-entry': { syscall: H },
  'ptregs-full-frame': { syscall: H },
  'two-phase-equivalent': { syscall: H },
};

/**
 * The asm kernels before the UPROBE fix: the seed's livelock, and UPROBE deferred on retint. A whole
 * syscall adds CVE-2014-4699's shape (a ptrace event stop in fork, then SYSRET), until 3.16's fix.
 */
const BEFORE_UPROBE_FIX = {
  'exit-terminates': { ...all(H), 'syscall-exit': V, syscall: H },
  'exit-work-delivered': { ...all(H), 'interrupt-exit': V, 'exception-exit': V, syscall: H },
  'exit-final-check-irqs-off': { ...all(H), syscall: H },
  'exit-trace-once': { 'syscall-exit': H, syscall: H },
  'exit-full-frame': { ...all(H), syscall: V },
  // The same run: the tracer's non-canonical RIP goes out by SYSRET and faults in ring 0.
  'sysret-safe': { ...all(H), syscall: V },
  'mask-dead-bits': { ...all(V), syscall: V },
  // Every flag operation the model keeps is spelled as its operation needs, in every era.
  'flag-operand': { ...all(H), syscall: H },
  'audit-balanced': { 'syscall-exit': H, syscall: H },
  ...ENTRY_HOLDS,
};

/**
 * 3.16: every ptrace stop forces the IRET path (arch_ptrace_stop_needed sets NOTIFY_RESUME), which
 * closes CVE-2014-4699's SYSRET; UPROBE is still not in DO_NOTIFY.
 */
const AFTER_CVE_FIX = {
  ...BEFORE_UPROBE_FIX,
  'exit-full-frame': { ...all(H), syscall: H },
  'sysret-safe': { ...all(H), syscall: H },
};

const AFTER_UPROBE_FIX = {
  ...BEFORE_UPROBE_FIX,
  'exit-terminates': { ...all(H), syscall: H },
  'exit-work-delivered': { ...all(H), syscall: H },
};

/**
 * The C era: the whole syscall, 64-bit and (4.4 on) compat, and the interrupt and exception
 * returns through retint_user. The compat syscall shares the 64-bit slow path's entry work and
 * exit, so its verdicts are the 64-bit syscall's, except where a mask only the 64-bit entry tests
 * is at fault.
 */
const C_EXITS = (v: 'holds' | 'violated'): Row => ({ 'interrupt-exit': v, 'exception-exit': v });
const SYSCALLS = (v: 'holds' | 'violated'): Row => ({ syscall: v, 'compat-syscall': v });
const C_ERA = {
  'exit-terminates': { ...SYSCALLS(H), ...C_EXITS(H) },
  'exit-work-delivered': { ...SYSCALLS(H), ...C_EXITS(H) },
  'exit-final-check-irqs-off': { ...SYSCALLS(H), ...C_EXITS(H) },
  'exit-trace-once': SYSCALLS(H),
  'exit-full-frame': { ...SYSCALLS(H), ...C_EXITS(H) },
  // The tests at the end of int_ret_from_sys_call include TF; force_iret() keeps the fast path
  // off; interrupts and exceptions always return by IRET in this era. do_fast_syscall_32's
  // SYSRETL tests ask for the landing pad, which every writer of RIP but the entry moves away from.
  'sysret-safe': { ...SYSCALLS(H), ...C_EXITS(H) },
  // The 0x0000FFFF-based _TIF_ALLWORK_MASK lives on in the 4.x headers, tested by the 64-bit
  // entry and fast return only; the compat path and retint_user's loop test masks spelled with
  // named flags.
  'mask-dead-bits': { syscall: V, 'compat-syscall': H, ...C_EXITS(H) },
  'flag-operand': { ...SYSCALLS(H), ...C_EXITS(H) },
  'audit-balanced': SYSCALLS(H),
  'entry-work-once': SYSCALLS(H),
  'exit-work-after-entry': SYSCALLS(H),
  'ptregs-full-frame': SYSCALLS(H),
  // Phase 1 goes on after a seccomp ERRNO/TRAP, so the tracer, the tracepoint and audit see a
  // syscall the single-phase function had already given up on; the compat path's C wrapper runs
  // the same two phases.
  'two-phase-equivalent': SYSCALLS(V),
};

/** 4.3-rc1: the C exit loop, but the compat entry is still the asm of entry_64_compat.S. */
const only64 = (t: Partial<Record<PropertyId, Row>>): Partial<Record<PropertyId, Row>> =>
  Object.fromEntries(
    Object.entries(t).map(([p, row]) => [
      p,
      Object.fromEntries(Object.entries(row ?? {}).filter(([path]) => path !== 'compat-syscall')),
    ]),
  );

// force_iret() after every ptrace stop (3.16) closes the SYSRET hole; the split (3.18) changes
// what a seccomp failure lets through.
const V3_18 = {
  ...AFTER_UPROBE_FIX,
  'exit-full-frame': { ...all(H), syscall: H },
  'sysret-safe': { ...all(H), syscall: H },
  'two-phase-equivalent': { syscall: V },
};

const withoutParanoid = (t: Partial<Record<PropertyId, Row>>): Partial<Record<PropertyId, Row>> =>
  Object.fromEntries(
    Object.entries(t).map(([p, row]) => [
      p,
      Object.fromEntries(Object.entries(row ?? {}).filter(([path]) => path !== 'paranoid-exit')),
    ]),
  );

/**
 * Generic entry: the loop tests EXIT_TO_USER_MODE_WORK (named flags only) and handles each of its
 * flags; the user-return notifiers run once after it, with IRQs off, from the flags it read last;
 * the interrupt and exception returns are IRET. There are no phases, so two-phase-equivalent does
 * not apply.
 */
const { 'two-phase-equivalent': _noPhases, ...C_ERA_WITHOUT_PHASES } = C_ERA;
const GENERIC = {
  ...C_ERA_WITHOUT_PHASES,
  // The register tests after do_syscall_64 (5.11: 4.4's; 6.14: in C, RIP < TASK_SIZE_MAX) check
  // pt_regs as the tracer, a signal frame or rt_sigreturn left them; every mask is spelled with
  // named flags.
  'mask-dead-bits': { ...SYSCALLS(H), ...C_EXITS(H) },
};

const ALL_GENERIC_PATHS = { ...SYSCALLS(H), ...C_EXITS(H) };
const RSEQ_ERA = { ...GENERIC, 'rseq-exit-atomic': ALL_GENERIC_PATHS };
const SLICE_ERA = { ...RSEQ_ERA, 'slice-grant-defers-resched': ALL_GENERIC_PATHS };

const GENERIC_5_11 = { ...GENERIC, 'exit-work-after-entry': { syscall: H, 'compat-syscall': V } };

export const EXPECTED_VERDICTS: VerdictTable = {
  'v3.6': BEFORE_UPROBE_FIX,
  'v3.13': BEFORE_UPROBE_FIX,
  'v3.13-viro': { ...AFTER_UPROBE_FIX, 'mask-dead-bits': { ...all(H), syscall: H } },
  // 3.14 as released still has both bugs; the fixes come in 3.16 (CVE) and 3.18 (UPROBE).
  'v3.14': BEFORE_UPROBE_FIX,
  'v3.16': AFTER_CVE_FIX,
  'v3.18': V3_18,
  // 2a23c6b8a9c4's opportunistic SYSRET, at retint_swapgs, has no TF test: a TF that pt_regs hold
  // (a tracer's, a signal frame's, or the interrupted code's own, with RCX = RIP and R11 = RFLAGS)
  // goes out by SYSRET on every path. paranoid-exit from user mode is exception-exit from 3.19.
  'v4.0-pre-2a23c6b8a9c4': {
    ...withoutParanoid(V3_18),
    'sysret-safe': { 'syscall-exit': V, 'interrupt-exit': V, 'exception-exit': V, syscall: V },
  },
  // Released 4.0 tests TF too: every value the tests let through returns by SYSRET as IRET would.
  'v4.0': withoutParanoid(V3_18),
  // The first C loop does not loop on USER_RETURN_NOTIFY: a notifier registered during the syscall
  // (KVM), or brought from the previous task by a context switch in the loop (every path), is still
  // pending at the return.
  'v4.3-pre-c5c46f59e4e7': only64({ ...C_ERA, 'exit-work-delivered': { syscall: V, ...C_EXITS(V) } }),
  // Released 4.3 loops on USER_RETURN_NOTIFY too; its compat entry is asm, not modelled.
  'v4.3': only64(C_ERA),
  'v4.4': C_ERA,
  // Seed 002: phase 2 after phase 1 has already audited: the BUG in __audit_syscall_entry. The
  // compat path never meets the RFC's stub_ptregs_64: its C wrapper runs both phases in one call.
  'v4.4-ptregs-rfc': {
    ...C_ERA,
    'entry-work-once': { syscall: V, 'compat-syscall': H },
    'audit-balanced': { syscall: V, 'compat-syscall': H },
  },
  // Seed 001's status flag: signal delivery moves RIP to the handler without force_iret(), so the
  // flag still says SYSRET, which resumes at the old RCX; on the compat path SYSRETL resumes at
  // the handler with ECX holding RIP.
  'v4.4-status-flag': { ...C_ERA, 'sysret-safe': { ...SYSCALLS(V), ...C_EXITS(H) } },
  // 4.5 is 4.4's entry and exit as released.
  'v4.5': C_ERA,
  // The merged PATCH 07/12 (302f5b260c32): phase 2 runs only when phase 1 asks, so no BUG.
  'v4.6-pre-302f5b260c32': C_ERA,
  // 4.6's C slow path keeps the two phases, and so the split of seed 000.
  'v4.6': C_ERA,
  // 4.8: one syscall_trace_enter again (ptrace, then seccomp), in the C do_syscall_64: no phases.
  'v4.8': C_ERA_WITHOUT_PHASES,
  // 299155244770 (5.11-rc1): a task single-stepped by its tracer has only TIF_SINGLESTEP, no
  // syscall_work bit, so syscall_exit_work never runs, and report_single_step wants SYSCALL_EMU as
  // well when it does: the trap after the syscall is lost. 41c1a06d1d15 turned the test round, the
  // gate stayed. The compat argument fault of 5.11 is older than both.
  'v5.11-rc1': { ...GENERIC_5_11, 'exit-trace-once': SYSCALLS(V) },
  'v5.11-pre-41c1a06d1d15': { ...GENERIC_5_11, 'exit-trace-once': SYSCALLS(V) },
  // A compat syscall whose EBP cannot be read runs syscall_exit_to_user_mode with no entry work.
  'v5.11': GENERIC_5_11,
  'v6.14': GENERIC,
  // 6.17 and 6.18 move files and renumber bits; the flow is 6.14's.
  'v6.17': GENERIC,
  'v6.18': GENERIC,
  // The rseq exit step runs with IRQs off and under a page-fault guard.
  'v6.19': RSEQ_ERA,
  // The slice extension is granted on interrupt and exception returns only, against the deny mask.
  'v7.0': SLICE_ERA,
  // hrtimer_rearm_deferred_user_irq clears `~TIF_HRTIMER_REARM` (the bit number, 12) from its copy
  // of the flags: bits 2 and 3, NOTIFY_SIGNAL and MEMDIE. With HRTIMER_REARM and NOTIFY_SIGNAL the
  // only work, the copy keeps bit 12, which the loop does not test: the loop never runs and the
  // task returns with NOTIFY_SIGNAL pending. The operand is flag-operand's finding on every path,
  // all of which run that function.
  'v7.1': {
    ...SLICE_ERA,
    'exit-work-delivered': { ...SYSCALLS(H), ...C_EXITS(V) },
    'flag-operand': { ...SYSCALLS(V), ...C_EXITS(V) },
  },
};
