import type { Cite } from '../cite.js';
import type { PathId } from '../pathId.js';
import type { SyscallKind } from '../syscalls.js';

/**
 * When an actor other than the exit path itself can change `ti->flags` during an exit run.
 * The environment fires events only on these occasions (DESIGN.md, "The model, precisely").
 */
export type Occasion =
  /** At any step with IRQs enabled: another CPU, an interrupt, a timer tick. */
  | 'irqs-on'
  /** While the task is stopped for its tracer, inside a handler. */
  | 'ptrace-stop'
  /** Inside signal delivery (get_signal_to_deliver and friends). */
  | 'do_signal'
  /** Across a context switch in schedule(). */
  | 'schedule'
  /** Inside the machine-check notification. */
  | 'mce_notify_process'
  /** While a syscall body runs (KVM_RUN registering a user-return notifier, say). */
  | 'syscall-body'
  /** At a ptrace stop during syscall entry, where the tracer can also cancel the syscall. */
  | 'syscall-entry-stop'
  /**
   * Where a return decision first reads pt_regs that a tracer, a signal frame or the interrupted
   * user code chose freely: which values they hold (model/registers.ts).
   */
  | 'register-read'
  /** Where the compat entry reads the vDSO's saved EBP from the user's stack (generic entry). */
  | 'compat-arg-fetch'
  /** Where the rseq exit step (6.19+) reads and writes the task's rseq area in user memory. */
  | 'rseq-exit'
  /** Where the exit loop (7.0+) reads whether the task asked for a time-slice extension. */
  | 'slice-grant'
  /** Where the rseq exit step (7.0+) arms a granted extension's timer: it may have run out. */
  | 'slice-expiry';

/**
 * Something that sets or clears flags, with where it can act. `pendingAt` says which paths can
 * begin with its flags still pending (it ran before the path started and nothing handled them);
 * `during` says when it can act inside a run.
 */
export interface Setter {
  /** A token, as events are written on the command line (`--events signal_wake_up@3`). */
  readonly id: string;
  /** What it stands for, in a few words. */
  readonly what: string;
  readonly sets: readonly string[];
  readonly clears?: readonly string[];
  /** Generic entry: the flags of ti->syscall_work it sets and clears (bare names, `SYSCALL_TRACE`). */
  readonly setsWork?: readonly string[];
  readonly clearsWork?: readonly string[];
  readonly during?: Occasion;
  /** Paths on which it can act `during` a run (all of them if absent). */
  readonly onPaths?: readonly PathId[];
  readonly pendingAt?: readonly PathId[] | 'all';
  /** It may change pt_regs (a tracer at a stop, a signal frame). */
  readonly changesRegs?: boolean;
  /** It sets orig_ax to -1, so the syscall body does not run. */
  readonly skipsSyscall?: boolean;
  readonly cite: Cite;
}

/** The C function do_notify_resume calls for one flag, and who clears the flag. */
export type Clearing =
  /** do_notify_resume clears the flag before calling. */
  | 'caller'
  /** The callee clears it. */
  | 'callee'
  /** Cleared only when the last user-return notifier unregisters (KVM's does so as it fires). */
  | 'unregister'
  /** Cleared only through recalc_sigpending, when nothing deliverable remains. */
  | 'recalc';

/**
 * How the code spells one flag operation. `mask`: the operand is combined with a flags word
 * (`ti_work & X`, `flags & ~X`), so it must be a `_TIF_X` mask; `bit`: the operand names a bit
 * (`test_thread_flag(X)`, `clear_bit(X, ...)`), so it must be a `TIF_X` number. C accepts either in
 * both places, and the model evaluates what is written (model/operands.ts).
 */
export interface FlagOperand {
  readonly kind: 'mask' | 'bit';
  readonly operand: string;
}

export interface NotifyStep {
  readonly flag: string;
  /** The test that selects this step, as written; `ti_work & _TIF_<flag>` when absent. */
  readonly test?: FlagOperand;
  readonly callee: string;
  readonly clearing: Clearing;
  /** The occasion this callee opens for the environment (a stop, a SIGBUS decision). */
  readonly opens?: 'do_signal' | 'mce_notify_process';
  readonly changesRegs?: boolean;
}

/**
 * The state machines of one family of kernels: the asm loops of 3.x, the C exit of 4.x, generic
 * entry (kernel/entry/common.c) from 5.11.
 */
export type ExitModel = 'asm-3x' | 'c-4x' | 'generic' | 'none';

/**
 * How one era's syscall entry does its work (kernel-facts.md §5 and the seeds), as facts the entry
 * machines read. Each value names the code it stands for.
 */
export interface SyscallEntry {
  /**
   * 3.x (until 3.17): with SYSCALL_AUDIT the only entry work, tracesys jumps to `auditsys`, which
   * calls __audit_syscall_entry from asm and goes back to the fast path.
   */
  readonly auditsys: boolean;
  /**
   * What tracesys does.
   * - `single-phase`: SAVE_REST, syscall_trace_enter (the pre-3.18 function), the slow path.
   * - `phase1-rejoin`: phase 1 on the partial frame; 0 sends the syscall back to the fast path,
   *   anything else runs phase 2 on a full frame and the slow path (3.18 to 4.5-rc).
   * - `phase1-then-phase2`: phase 1, then phase 2 whatever phase 1 answered (the December 2015
   *   PATCH 07/12, seed 002).
   * - `wrapper`: SAVE_EXTRA_REGS, then the C syscall_trace_enter (phase 1, and phase 2 when phase 1
   *   asks for it), the slow path (the patch as merged).
   * - `do-syscall-64-two-phase`: 4.6's entry_SYSCALL64_slow_path, taken (IRQs still off) when the
   *   flags have a bit of _TIF_WORK_SYSCALL_ENTRY or _TIF_ALLWORK_MASK: SAVE_EXTRA_REGS and the C
   *   do_syscall_64, whose syscall_trace_enter is still phase 1 and, when asked, phase 2; the
   *   syscall's return is syscall_return_slowpath straight from C.
   * - `do-syscall-64`: 4.8's: the same slow path, with a single-phase syscall_trace_enter that
   *   reports to the tracer first, then runs seccomp (93e35efb8de4 "x86/ptrace: run seccomp after
   *   ptrace"), the tracepoint and audit.
   */
  readonly tracesys:
    | 'single-phase'
    | 'phase1-rejoin'
    | 'phase1-then-phase2'
    | 'wrapper'
    | 'do-syscall-64-two-phase'
    | 'do-syscall-64';
  /**
   * How phase 1 takes NOHZ out of its work after user_exit(): by its mask, by its bit number (which
   * leaves NOHZ in and clears bits 0, 1 and 4 instead; the form some postings wrote), or not at all
   * (4.6, where do_syscall_64's enter_from_user_mode does the user_exit and NOHZ stays in work).
   */
  readonly phase1Nohz: 'mask' | 'bit-number' | 'none';
  /**
   * Where sys_iopl's new IOPL ends up: the saved RFLAGS and, through the 3.x stub's
   * RESTORE_TOP_OF_STACK, R11's slot (`saved-flags-and-r11`); or the saved RFLAGS only (the C era,
   * 4.3 to 5.4), so that R11 no longer matches them.
   */
  readonly ioplWrites: 'saved-flags-and-r11' | 'saved-flags';
  /**
   * How a syscall that needs more than the partial frame gets it.
   * - `stubs`: the table points at stubs that save what they need and return where they were called.
   * - `stub-to-slow-path`: the fast path's table sends them to stub_ptregs_64, which always jumps to
   *   tracesys; the slow path's table still has the stubs (seed 002's PATCH 07/12).
   * - `stub-checks-caller`: stub_ptregs_64 jumps to tracesys only when called from the fast path,
   *   else straight to the function (the patch as merged, 302f5b260c32).
   */
  readonly ptregs: 'stubs' | 'stub-to-slow-path' | 'stub-checks-caller';
  /** What each kind needs of the frame; a kind not listed is an ordinary C function. */
  readonly frameNeeds: Readonly<Partial<Record<SyscallKind, 'full' | 'top-of-stack'>>>;
  /** The asm stubs the syscall table points at, by kind; a kind not listed is called directly. */
  readonly stubs: Readonly<Partial<Record<SyscallKind, Stub>>>;
  /** `stub-to-slow-path` and `stub-checks-caller`: the kinds the table marks as needing pt_regs. */
  readonly ptregsKinds: readonly SyscallKind[];
  readonly cites: Readonly<Record<string, Cite>>;
}

/** A syscall stub: what it saves before calling the C function, and where it leaves to. */
export interface Stub {
  readonly label: 'stub_clone' | 'stub_execve' | 'stub_rt_sigreturn' | 'stub_iopl';
  /** `full`: the extra registers and the top of stack; `top-of-stack`: only FIXUP_TOP_OF_STACK. */
  readonly saves: 'full' | 'top-of-stack' | 'none';
  /** `caller`: it returns where it was called; `iret-path`: it jumps to int_ret_from_sys_call. */
  readonly leaves: 'caller' | 'iret-path';
}

/** What a kernel does, as opposed to what its masks are: the facts behind the model's handlers. */
export interface Behaviour {
  readonly exitModel: ExitModel;
  /** The paths this kernel's model covers. */
  readonly paths: readonly PathId[];
  /**
   * do_notify_resume (3.x), or the body of the C exit loop after its schedule() (4.x and generic
   * entry): the flags it handles from its snapshot, in order.
   */
  readonly doNotifyResume: readonly NotifyStep[];
  /**
   * Generic entry: the flags the loop's schedule() is called for (NEED_RESCHED, and from 6.13
   * NEED_RESCHED_LAZY); the other families call it for NEED_RESCHED.
   */
  readonly schedulesOn?: readonly string[];
  /**
   * Generic entry: what x86's arch_exit_to_user_mode_prepare handles once, after the loop, with
   * IRQs off, from the flags the loop read last (the user-return notifiers).
   */
  readonly afterExitLoop?: readonly NotifyStep[];
  /** Flags that handling never clears (modes, not work): the loop must stop looking at them. */
  readonly sticky: readonly string[];
  /** Generic entry: the sticky modes of ti->syscall_work a syscall can begin with. */
  readonly stickyWork?: readonly string[];
  /**
   * Generic entry: what user_enable_single_step sets in ti->syscall_work along with TIF_SINGLESTEP
   * (and user_disable_single_step clears), and what syscall_exit_work's report_single_step reads:
   * from 5.11, SYSCALL_EXIT_TRAP and that bit (the fix of 299155244770); 299155244770 itself
   * (5.11-rc1) set nothing there and read TIF_SINGLESTEP, inside a function only syscall_work
   * bits get it to.
   */
  readonly singleStep?: {
    readonly work: readonly string[];
    readonly report: 'exit-trap' | 'tif-singlestep' | 'emu-and-tif-singlestep';
  };
  /** One-shot work that must not be pending when the task returns to user mode. */
  readonly returnWork: readonly string[];
  /** Flags the kernel defines but never sets on x86-64 (searched only with --raw). */
  readonly neverSet: readonly string[];
  readonly setters: readonly Setter[];
  /** Since b9cd18de4db3 (3.16): every ptrace stop sets NOTIFY_RESUME through force_iret(). */
  readonly forceIretAfterPtraceStop: boolean;
  /**
   * Where the slow paths may return by SYSRET instead of IRET (kernel-facts.md §6); the 3.x
   * sysret_check and the 4.x fast path always return by SYSRET, without looking at pt_regs.
   * - `none`: never (3.x: every slow path ends in IRET).
   * - `retint-rf`: at retint_swapgs, so after every interrupt, exception and slow syscall, when
   *   2a23c6b8a9c4's tests pass (RF, no TF);
   * - `retint-4.0`: the same place, released 4.0's tests (RF and TF).
   * - `syscall-4.4`: at the end of int_ret_from_sys_call, when 4.4's tests pass (RF and TF); the
   *   same tests after do_syscall_64 in entry_SYSCALL_64 until 6.6.
   * - `syscall-c`: 6.7+, the tests in C at the end of do_syscall_64, RIP < TASK_SIZE_MAX.
   * - `status-flag`: seed 001's design: TS_FASTSYSCALL, set by the 64-bit SYSCALL entry and
   *   cleared by force_iret() when the registers fail 4.4's tests there; the exit returns by
   *   SYSRET while it is set.
   */
  readonly opportunisticSysret:
    | 'none'
    | 'retint-rf'
    | 'retint-4.0'
    | 'syscall-4.4'
    | 'syscall-c'
    | 'status-flag';
  /** CONFIG_AUDITSYSCALL: sysret_signal takes sysret_audit for AUDIT. */
  readonly auditSyscall: boolean;
  /**
   * The asm era's syscall fast-path exit, when ret_from_sys_call finds work:
   * - `sysret-careful` (3.x to 3.19): sysret_check, sysret_careful (schedule and try again),
   *   sysret_signal (sysret_audit for AUDIT, else FIXUP_TOP_OF_STACK and the IRET path's
   *   int_check_syscall_exit_work with IRQs on);
   * - `iret-path` (4.0): one test of _TIF_ALLWORK_MASK with IRQs off; any bit sends the syscall to
   *   int_ret_from_sys_call_fixup (FIXUP_TOP_OF_STACK) and int_ret_from_sys_call_irqs_off, IRQs
   *   still off. The sysret_* labels are gone.
   * Absent: `sysret-careful`.
   */
  readonly syscallFastExit?: 'sysret-careful' | 'iret-path';
  /**
   * Generic entry's compat syscall when the vDSO's EBP cannot be read (ax = -EFAULT): 5.11 calls
   * syscall_exit_to_user_mode, so the syscall exit work runs though no entry work did
   * (`syscall-exit`); from 5d5675df792f, irqentry_exit_to_user_mode, the loop alone.
   */
  readonly compatArgFault?: 'syscall-exit' | 'irqentry-exit';
  /** The syscall entry, for kernels whose model includes the `syscall` path. */
  readonly syscallEntry?: SyscallEntry;
  /**
   * CONFIG_X86_FRED (6.9+): on FRED hardware every return to user mode is ERETU, and the syscall
   * entries ignore what do_syscall_64 and do_fast_syscall_32 answer. `available`: the kernel has
   * it (a configuration, `--fred`); `on`: this model runs with it.
   */
  readonly fred?: 'available' | 'on';
  /**
   * 6.19+: the rseq rework. exit_to_user_mode_loop is an outer loop round an inner one that tests
   * `loopMask` (EXIT_TO_USER_MODE_WORK without TIF_RSEQ); after the inner loop, with IRQs off and
   * page faults disabled (`pagefaultsDisabled`), rseq_exit_to_user_mode_restart acts on `test`:
   * the fast path's success clears TIF_RSEQ; its fault sets NOTIFY_RESUME and asks for another
   * round. From 7.0 it then arms the timer of a granted slice extension (`sliceTimer`).
   */
  readonly rseq?: {
    readonly loopMask: string;
    readonly test: FlagOperand;
    readonly pagefaultsDisabled: boolean;
    readonly sliceTimer: boolean;
  };
  /**
   * 7.0+: where the loop would schedule() for a reschedule request, it first offers an rseq
   * time-slice extension, rseq_grant_slice_extension(ti_work, `deny`): granted only on a return
   * from an interrupt, with no bit of `deny` pending and no grant already in force; a grant clears
   * both reschedule bits (and, from 7.1, does the deferred hrtimer rearm schedule() would have).
   */
  readonly sliceExtension?: { readonly deny: string; readonly rearmsHrtimer: boolean };
  /**
   * 7.1+: the mask __exit_to_user_mode_prepare tests, per path: syscall returns and interrupt or
   * exception returns each have their own.
   */
  readonly exitMasks?: { readonly syscall: string; readonly irq: string };
  /**
   * 7.1+: hrtimer_rearm_deferred_user_irq before the loop, when the path's mask has
   * HRTIMER_REARM: if `ti_work & rearmMask` is HRTIMER_REARM alone, it clears the flag, rearms,
   * takes `localClear` out of its copy of the flags (`ti_work &= ~localClear`, as written) and
   * skips the loop when nothing is left.
   */
  readonly hrtimerRearm?: { readonly rearmMask: string; readonly localClear: FlagOperand };
  /** What schedule() clears (NEED_RESCHED and NEED_RESCHED_LAZY when absent). */
  readonly scheduleClears?: readonly string[];
  readonly cites: Readonly<Record<string, Cite>>;
}
