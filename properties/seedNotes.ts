import type { PropertyId } from '../src/check/propertyId.js';
import type { KernelId } from '../src/kernels/kernelId.js';

/**
 * What the seed threads (and the kernel's release history) claim about a kernel and what
 * the model says of the claim, printed in the pinned reports. Each note's facts are checked by
 * properties/seedClaims.test.ts against the model.
 */
export interface SeedNote {
  readonly kernel: KernelId;
  readonly property: PropertyId;
  readonly text: string;
}

/** The asm kernels before b9cd18de4db3 (3.16): a ptrace stop does not force the IRET path. */
const CVE_2014_4699_KERNELS = ['v3.6', 'v3.13', 'v3.13-viro', 'v3.14'] as const;

export const SEED_NOTES: readonly SeedNote[] = [
  {
    kernel: 'v3.6',
    property: 'mask-dead-bits',
    text: 'Seed 003 counts the never-set bits of `_TIF_WORK_MASK` and `_TIF_ALLWORK_MASK` as 0xe200 (bits 15, 14, 13, 9). That is exactly this table: bit 5 is still `TIF_IRET` here. `TIF_IRET` is itself set only by 32-bit code, so on x86-64 it behaves like a dead bit too (see `verify --raw`).',
  },
  {
    kernel: 'v3.13',
    property: 'mask-dead-bits',
    text: 'Contradicts seed 003 in one bit: the review counts the never-set bits as 0xe200 (bits 15, 14, 13, 9), but in v3.13 `TIF_IRET` (bit 5) is gone, so both masks also contain bit 5 and the dead bits are 0xe220. The trace below shows bit 5 alone livelocking the syscall exit, as bit 9 would.',
  },
  {
    kernel: 'v3.13',
    property: 'exit-terminates',
    text: 'Confirms seed 003: "If UPROBE is set, but nothing else in that set is, we\'ll be looping forever, right?" Yes: `_TIF_WORK_MASK` keeps UPROBE in `%edi` while `int_signal` calls `do_notify_resume` only for `_TIF_DO_NOTIFY_MASK`. The model also shows why 3.13 did not hang in practice: no v3.13 code leaves UPROBE alone at `ret_from_sys_call`.',
  },
  {
    kernel: 'v3.13',
    property: 'exit-work-delivered',
    text: 'Seed 003 notes that on the `retint` path a solitary UPROBE is ignored (and that `paranoid_userspace`, which does not filter by `_TIF_DO_NOTIFY_MASK`, handles it). The model finds more: it is reachable. The 3.x workaround in `uprobe_deny_signal` sets NOTIFY_RESUME along with UPROBE, but when `do_notify_resume` was called with NOTIFY_RESUME already in its argument it clears NOTIFY_RESUME after `do_signal`, so UPROBE goes back to user mode alone, until the next paranoid exit.',
  },
  ...CVE_2014_4699_KERNELS.map((kernel) => ({
    kernel,
    property: 'exit-full-frame' as const,
    text: 'CVE-2014-4699, found without being told about it: a fork whose tracer asked for fork events stops in PTRACE_EVENT_FORK, where the tracer may rewrite pt_regs (a non-canonical RIP, say); `stub_clone` returns to the fast path and `sysret_check` leaves by SYSRET, which trusts RCX and R11. The fix, b9cd18de4db3 in 3.16, makes every ptrace stop set NOTIFY_RESUME (the x86 `arch_ptrace_stop_needed()`), so the exit sees work and takes IRET: v3.16 and v3.18 hold.',
  })),
  {
    kernel: 'v3.18',
    property: 'two-phase-equivalent',
    text: 'Seed 000 (the two-phase series) is confirmed where it speaks: a syscall whose only entry work is a seccomp filter that allows it, or audit alone, now goes back to the fast path and leaves by SYSRET, and the asm `auditsys` case is gone. But the split is not free of side effects. The single-phase `syscall_trace_enter` returned at once when seccomp rejected a syscall (ERRNO or TRAP); phase 1 cancels the syscall (orig_ax = -1) and carries on, so a tracer with PTRACE_SYSCALL still gets a syscall-entry stop, and the tracepoint and audit entry still run, for a syscall that will not run. Phase 2 also takes SYSCALL_EMU from flags read before the seccomp stop, so a tracer that switches to PTRACE_SYSEMU there gets the syscall run. The thread does not discuss either.',
  },
  ...(['v4.3-pre-c5c46f59e4e7', 'v4.3', 'v4.4', 'v4.5', 'v4.6-pre-302f5b260c32', 'v4.6'] as const).map(
    (kernel) => ({
      kernel,
      property: 'two-phase-equivalent' as const,
      text: 'As in v3.18: after a seccomp ERRNO or TRAP, phase 1 carries on, and the entry report, the tracepoint and audit entry run for a syscall that will not run. The merged ptregs patch (v4.6-pre-302f5b260c32) keeps the two phases behind the C `syscall_trace_enter`, and so does the C `do_syscall_64` of 4.6, so neither changes anything here. v4.8 goes back to one `syscall_trace_enter`, with ptrace first: the tracer still sees the entry of a syscall seccomp then rejects, by design (seccomp must see what the tracer changed), but a rejected syscall gets no tracepoint and no audit entry (`properties/seedClaims.test.ts`).',
    }),
  ),
  {
    kernel: 'v4.4-ptregs-rfc',
    property: 'audit-balanced',
    text: "Reproduces seed 002's boot failure, `kernel BUG at kernel/auditsc.c:1504` in `__audit_syscall_entry`, called from `do_audit_syscall_entry`, from `syscall_trace_enter_phase2`, from `tracesys`: the trace is that call chain. The posted PATCH 07/12 removed tracesys's test of phase 1's answer, so phase 2 now always runs; but phase 1 still audits by itself when audit is its only work, and phase 2 always audits. The smallest trigger is SYSCALL_AUDIT alone and any syscall, not a ptregs one: every syscall of an audited task, which is why it failed at boot (systemd-cgroups). This corrects an earlier reconstruction (a ptregs syscall sent round through the stub into phase 1 a second time): with the jump back to the fast path gone, the stub is never reached with AUDIT set, and a second phase 1 would have hit the BUG in phase 1, not in phase 2. The patch as merged (302f5b260c32, `v4.6-pre-302f5b260c32`) calls phase 2 only when phase 1 asks, and holds; so does released 4.6's C slow path.",
  },
  {
    kernel: 'v4.4-ptregs-rfc',
    property: 'entry-work-once',
    text: "Seed 002 again: audit entry runs in phase 1 and again in phase 2 for one syscall. The second one is the BUG of `audit-balanced`; with audit's BUG_ON made a warning (as it later was), the same patch would have written two audit records per syscall.",
  },
  {
    kernel: 'v4.4-ptregs-rfc',
    property: 'two-phase-equivalent',
    text: "Seed 002's patch breaks the two-phase contract outright: phase 2 runs although phase 1 answered 0 (done). The same inputs as in v4.4 (a seccomp failure with tracing) also differ, but this one is smaller: SYSCALL_AUDIT alone.",
  },
  {
    kernel: 'v5.11-rc1',
    property: 'exit-trace-once',
    text: "Not a seed thread but the same class of bug, in generic entry: 299155244770 (merged for 5.11-rc1, read at that commit) made the syscall exit work depend on `ti->syscall_work` alone, while a single-stepped task has only `TIF_SINGLESTEP`; and its `report_single_step` is written the wrong way round, reporting a step only when SYSCALL_EMU is set too. So a task resumed with PTRACE_SINGLESTEP never got its trap after a syscall, even when audit or a tracepoint opened the gate; rr's developers found it (the run they reported, PTRACE_SYSCALL at the entry stop and then PTRACE_SINGLESTEP, breaks the same way: `properties/seedClaims.test.ts`). 41c1a06d1d15 (5.11-rc6) turned the test round (`v5.11-pre-41c1a06d1d15`: the audited task gets its trap, the plain one still does not); 6342adcaa683 (5.11-rc7) added SYSCALL_WORK_SYSCALL_EXIT_TRAP, set with `TIF_SINGLESTEP`, to the word and to `SYSCALL_WORK_EXIT`: v5.11 holds, and `verify --kernel v5.11 --edit 'SYSCALL_WORK_EXIT-=SYSCALL_WORK_SYSCALL_EXIT_TRAP'` finds the bit's job again and proposes it back as the fix.",
  },
  {
    kernel: 'v5.11-pre-41c1a06d1d15',
    property: 'exit-trace-once',
    text: '41c1a06d1d15 (in 5.11-rc6) made `report_single_step` report TIF_SINGLESTEP unless SYSCALL_EMU, as before 299155244770, but the exit work still runs only for a bit of SYSCALL_WORK_EXIT: a task that is only single-stepped still loses its trap after a syscall. 6342adcaa683 (5.11-rc7) is the fix: v5.11 holds.',
  },
  {
    kernel: 'v5.11',
    property: 'exit-work-after-entry',
    text: 'A compat syscall through the vDSO whose user stack does not hold a readable EBP (`__get_user` faults in `__do_fast_syscall_32`) never runs its entry work, but 5.11 then calls `syscall_exit_to_user_mode`, so audit, the exit tracepoint and the tracer get the exit of a syscall they never saw enter (read in the 5.11 tree). 5d5675df792f replaced the call with `irqentry_exit_to_user_mode`; v6.14 has that form and holds.',
  },
];

export function seedNotesFor(kernel: string, property: PropertyId): string[] {
  return SEED_NOTES.filter((n) => n.kernel === kernel && n.property === property).map((n) => n.text);
}
