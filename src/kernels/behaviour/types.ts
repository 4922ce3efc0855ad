import type { Cite } from '../cite.js';
import type { PathId } from '../pathId.js';

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
  | 'mce_notify_process';

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
  readonly during?: Occasion;
  /** Paths on which it can act `during` a run (all of them if absent). */
  readonly onPaths?: readonly PathId[];
  readonly pendingAt?: readonly PathId[] | 'all';
  /** It may change pt_regs (a tracer at a stop, a signal frame). */
  readonly changesRegs?: boolean;
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

export interface NotifyStep {
  readonly flag: string;
  readonly callee: string;
  readonly clearing: Clearing;
  /** The occasion this callee opens for the environment (a stop, a SIGBUS decision). */
  readonly opens?: 'do_signal' | 'mce_notify_process';
  readonly changesRegs?: boolean;
}

/** The exit state machines of one family of kernels. */
export type ExitModel = 'asm-3x' | 'none';

/** What a kernel does, as opposed to what its masks are: the facts behind the model's handlers. */
export interface Behaviour {
  readonly exitModel: ExitModel;
  /** The paths this kernel's model covers. */
  readonly paths: readonly PathId[];
  /** do_notify_resume: the flags it handles from its snapshot argument, in order. */
  readonly doNotifyResume: readonly NotifyStep[];
  /** Flags that handling never clears (modes, not work): the loop must stop looking at them. */
  readonly sticky: readonly string[];
  /** One-shot work that must not be pending when the task returns to user mode. */
  readonly returnWork: readonly string[];
  /** Flags the kernel defines but never sets on x86-64 (searched only with --raw). */
  readonly neverSet: readonly string[];
  readonly setters: readonly Setter[];
  /** Since b9cd18de4db3 (3.16): every ptrace stop sets NOTIFY_RESUME through force_iret(). */
  readonly forceIretAfterPtraceStop: boolean;
  /** CONFIG_AUDITSYSCALL: sysret_signal takes sysret_audit for AUDIT. */
  readonly auditSyscall: boolean;
  readonly cites: Readonly<Record<string, Cite>>;
}
