/**
 * The explanation each pinned counterexample carries: why it happens, whether a real task gets
 * there, and what the release history says. One paragraph or more per pinned `kernel/property`;
 * `verify` prints it under the violation, the reports carry it, and counterexamples/README.md is
 * generated from it (properties/counterexampleIndex.test.ts; UPDATE_PINS=1 rewrites the file).
 * Markdown: `code` in backquotes, which plain-text output drops.
 */
export const PIN_NOTES: Readonly<Record<string, readonly string[]>> = {
  'v3.6/exit-full-frame': [
    'CVE-2014-4699 on a whole syscall, found without being told about it: an untraced-looking fork (no flags at all) whose tracer asked for fork events stops in PTRACE_EVENT_FORK inside `stub_clone`; the tracer may rewrite pt_regs there, yet `stub_clone` returns to the fast path and `sysret_check` leaves by SYSRET, trusting RCX and R11. Minimal: no flags, `fork`, one tracer action (PTRACE_CONT) at the event stop. Reachable.',
  ],
  'v3.6/exit-terminates': [
    'The solitary UPROBE of seed 003, already in v3.6: UPROBE (new in 3.5) is in `_TIF_WORK_MASK` and `_TIF_ALLWORK_MASK` through the 0x0000FFFF constant but not in `_TIF_DO_NOTIFY_MASK`, so the syscall exit loops between `int_with_check` and `int_signal` forever. Latent, and proven unreachable: only the int3/#DB uprobe notifiers set UPROBE before an exit, and their exit is the paranoid one.',
  ],
  'v3.6/exit-work-delivered': [
    'On the interrupt and exception exits the same UPROBE goes back to user mode still set (`retint_signal` calls `do_notify_resume` only for `_TIF_DO_NOTIFY_MASK`). Reachable: see v3.13/exit-work-delivered.',
  ],
  'v3.6/mask-dead-bits': [
    "`_TIF_WORK_MASK` and `_TIF_ALLWORK_MASK` contain 0xe200, bits no flag defines: exactly the seed's count, because bit 5 is still `TIF_IRET` in v3.6. The report shows what each path would do with bit 9 set: the syscall and paranoid exits would never return, the retint exits would return with it set.",
  ],
  'v3.6/sysret-safe': [
    "The same run as v3.6/exit-full-frame with the tracer's values made concrete: the tracer leaves a non-canonical RIP at the fork's PTRACE_EVENT_FORK stop, `stub_clone` returns to the fast path, and `sysret_check` loads RCX from the saved RIP and executes SYSRET, which faults with #GP in ring 0 on the user's stack (CVE-2014-4699); IRET would have faulted in the task's context. The values are chosen where they are read (`regs.rip-non-canonical` at `sysret_check`). Minimal: no flags, `fork`, PTRACE_CONT at the event stop, that value. Reachable.",
  ],
  'v3.13/exit-full-frame': ['As v3.6: the fork event stop followed by SYSRET.'],
  'v3.13/exit-terminates': [
    'The kernel of the 2014 analysis: the seed\'s question "If UPROBE is set, but nothing else in that set is, we\'ll be looping forever, right?" answered yes, with the loop `int_restore_rest` ... `int_signal` and back. Latent and proven unreachable in v3.13 (exhaustively, over the 1024 initial sets that can be pending at `ret_from_sys_call` and every event schedule): `uprobe_deny_signal`, the other setter, never runs during a syscall exit because uprobes does not single-step syscall instructions.',
  ],
  'v3.13/exit-work-delivered': [
    "UPROBE returned to user mode still pending on the interrupt and exception exits, and reachable: with NOTIFY_RESUME and SIGPENDING pending, `do_signal` meets a uprobe single-step and `uprobe_deny_signal` sets UPROBE and NOTIFY_RESUME (the 3.x workaround), but `do_notify_resume` then clears NOTIFY_RESUME because its argument already had it, and UPROBE leaves alone; it waits for the next paranoid exit. Still there in 3.14.1, 3.16 and 3.17; 3.18.30's `_TIF_DO_NOTIFY_MASK` has UPROBE (v3.18 holds).",
  ],
  'v3.13/mask-dead-bits': [
    "0xe220, not the seed's 0xe200: `TIF_IRET` left bit 5 free in 3.7, so both masks also contain bit 5. The report's traces use bit 5.",
  ],
  'v3.13/sysret-safe': ['As v3.6: CVE-2014-4699, the kernel of the 2014 analysis.'],
  'v3.13-viro/exit-full-frame': [
    "Al Viro's masks (seed 003) fix the UPROBE findings and leave this one: it is in the return decision, not in a mask.",
  ],
  'v3.13-viro/sysret-safe': ['As v3.6: the 2014 clean-up of the masks does not touch the SYSRET path.'],
  'v3.14/exit-full-frame': [
    "As v3.13. Fixed in 3.16 by b9cd18de4db3, which makes every ptrace stop force IRET (x86's `arch_ptrace_stop_needed()` sets NOTIFY_RESUME), so v3.16 and v3.18 hold.",
  ],
  'v3.14/exit-terminates': [
    "As v3.13, read in the 3.14.1 tree: its masks and `uprobe_deny_signal` are 3.13's. Latent and proven unreachable.",
  ],
  'v3.14/exit-work-delivered': ['As v3.13: reachable through `uprobe_deny_signal` in `do_signal`.'],
  'v3.14/mask-dead-bits': ['As v3.13: 0xe220 in `_TIF_WORK_MASK` and `_TIF_ALLWORK_MASK`.'],
  'v3.14/sysret-safe': [
    "As v3.6. The fix is 3.16's forced IRET after every ptrace stop (b9cd18de4db3); v3.16 holds.",
  ],
  'v3.16/exit-terminates': [
    "The CVE fix leaves the UPROBE findings alone: 3.16's `_TIF_DO_NOTIFY_MASK` still lacks UPROBE, so the lone-UPROBE livelock is there, latent and proven unreachable as in v3.13.",
  ],
  'v3.16/exit-work-delivered': [
    'As v3.13: `uprobe_deny_signal` still sets UPROBE with NOTIFY_RESUME, and the retint exits still return with UPROBE pending. Reachable.',
  ],
  'v3.16/mask-dead-bits': ['As v3.13: 0xe220.'],
  'v3.18/mask-dead-bits': [
    'As v3.13: 0xe220. The UPROBE fix (UPROBE in `_TIF_DO_NOTIFY_MASK`, and `uprobe_deny_signal` setting UPROBE alone) leaves the 0x0000FFFF-based masks as they were.',
  ],
  'v3.18/two-phase-equivalent': [
    "Seed 000's two-phase split differs from the single-phase `syscall_trace_enter` it replaced: when seccomp fails a syscall (ERRNO or TRAP), the old function returned at once, but phase 1 cancels the syscall and carries on, so a tracer with PTRACE_SYSCALL still gets its syscall-entry stop (and the tracepoint and audit entry still run) for a syscall that will not run. Minimal: SYSCALL_TRACE and SECCOMP, an ordinary syscall, seccomp errno. The report also lists the second difference found: phase 2 reads SYSCALL_EMU from flags taken before the seccomp stop.",
  ],
  'v4.0-pre-2a23c6b8a9c4/mask-dead-bits': [
    "As v3.18: 0xe220. This id is the entry code of 2a23c6b8a9c4, the first opportunistic SYSRET, read in that commit's `entry_64.S`; its masks are 3.19's, the release before it.",
  ],
  'v4.0-pre-2a23c6b8a9c4/sysret-safe': [
    "The first opportunistic SYSRET (2a23c6b8a9c4) tests pt_regs at `retint_swapgs` before every return that used to be IRET, but not TF. With TF set and the other tests passing (RCX = RIP, R11 = RFLAGS, user CS/SS, no RF), SYSRET restores TF and the single-step trap comes before the instruction at RIP runs; IRET runs it first. Released 4.0 already tests TF as well (v4.0 holds), and so does 4.4's C version (`diff --base v4.0-pre-2a23c6b8a9c4 --proposed v4.0` shows the two tests side by side). On each path the minimal run has one value read at `retint_swapgs`: - syscall-exit: SYSCALL_TRACE; the tracer at the syscall-exit stop leaves TF (with R11 to match); - interrupt-exit and exception-exit: no flags; the interrupted code had TF set and happened to hold its own RIP in RCX and its RFLAGS in R11, which a program can arrange; - syscall: no flags, `rt_sigreturn` from a frame with TF set, RCX = RIP and R11 = RFLAGS. All reachable.",
  ],
  'v4.0-pre-2a23c6b8a9c4/two-phase-equivalent': ['As v3.18: the commit keeps the two phases.'],
  'v4.0/mask-dead-bits': [
    "0xe620: 4.0 drops `TIF_MCE_NOTIFY` (bit 10; machine checks from user mode are handled on the exception's own exit), and the 0x0000FFFF-based `_TIF_WORK_MASK` and `_TIF_ALLWORK_MASK` keep the bit. The report's traces use bit 5.",
  ],
  'v4.0/two-phase-equivalent': ['As v3.18: 4.0 keeps the two phases.'],
  'v4.3-pre-c5c46f59e4e7/exit-work-delivered': [
    "The first C exit loop, as c5c46f59e4e7 wrote it, looks at SIGPENDING, NOTIFY_RESUME, UPROBE and NEED_RESCHED only; the loop body fires user-return notifiers, but only on a lap the other flags started. An ordinary syscall during which KVM registers a user-return notifier (`kvm_user_return_register`) takes the slow path (USER_RETURN_NOTIFY is in `_TIF_ALLWORK_MASK`), finds nothing to loop for and returns by SYSRET with the notifier still pending. Reachable: no initial flag is needed. `verify` suggests `EXIT_TO_USERMODE_LOOP_FLAGS+=USER_RETURN_NOTIFY`, which is what released 4.3's condition already has (v4.3 holds). Only `common.c` is stored at that commit; the rest of the model is 4.3's, read in the 4.3 tree. The interrupt and exception returns (`retint_user`, the same loop) do the same with a notifier that a context switch in the loop brings from the previous task: the minimal input starts with the flag pending (latent), the reachable one is NEED_RESCHED and `urn_moved_here` at the switch.",
  ],
  'v4.3-pre-c5c46f59e4e7/mask-dead-bits': [
    "The C exit loop's masks are written with named flags, but the fast path still tests the 0x0000FFFF-based `_TIF_ALLWORK_MASK`, whose dead bits are 0xe620 since 4.0 dropped `TIF_MCE_NOTIFY` (bit 10). The report shows what bit 5 would do: the slow path ignores it and the syscall returns by SYSRET with it set.",
  ],
  'v4.3-pre-c5c46f59e4e7/two-phase-equivalent': ['As v3.18: the two phases are the same there.'],
  'v4.3/mask-dead-bits': ['As v4.3-pre-c5c46f59e4e7: 0xe620 in `_TIF_ALLWORK_MASK`.'],
  'v4.3/two-phase-equivalent': [
    'As v3.18: released 4.3 keeps the two phases, now in `arch/x86/entry/common.c`.',
  ],
  'v4.4/mask-dead-bits': [
    'As v4.3: `_TIF_ALLWORK_MASK` contains 0xe620. The report shows what bit 5 would do: the fast path sends it to the slow path, where no C mask tests it, and the syscall returns by SYSRET with the bit still set.',
  ],
  'v4.4/two-phase-equivalent': ['As v3.18: the two phases are unchanged in 4.4.'],
  'v4.4-ptregs-rfc/audit-balanced': [
    "Seed 002's boot failure, `kernel BUG at kernel/auditsc.c:1504`, reproduced with its call chain: `tracesys`, `syscall_trace_enter_phase2`, `do_audit_syscall_entry`, `__audit_syscall_entry` while the context is already in a syscall. The posted patch made `tracesys` run phase 2 whatever phase 1 answered, and phase 1 had already audited. Minimal: SYSCALL_AUDIT alone and any syscall (an ordinary one), which is why every audited task failed at boot. This corrects an earlier reconstruction of the bug that blamed the ptregs syscalls alone (see the report). The merged version (v4.6-pre-302f5b260c32) holds, and so does 4.6's C slow path (v4.6).",
  ],
  'v4.4-ptregs-rfc/entry-work-once': [
    'The same run seen from the counters: audit entry twice for one syscall.',
  ],
  'v4.4-ptregs-rfc/mask-dead-bits': ['As v4.4: `_TIF_ALLWORK_MASK` contains 0xe620.'],
  'v4.4-ptregs-rfc/two-phase-equivalent': [
    'The same run again: phase 2 ran although phase 1 answered 0 (done), so audit entry ran twice and the entry hit a BUG where the single-phase function does not.',
  ],
  'v4.4-status-flag/mask-dead-bits': ['As v4.4: the status flag changes no mask.'],
  'v4.4-status-flag/sysret-safe': [
    "Seed 001's alternative to the register tests: TS_FASTSYSCALL, set at SYSCALL, cleared by force_iret() when the registers fail the tests there, and the exit returns by SYSRET while it is set. Signal delivery moves RIP to the handler without calling force_iret() (`x64_setup_rt_frame`), so the flag still says SYSRET, and SYSRET resumes at the old RCX: the handler never runs. Minimal: SINGLESTEP, an ordinary syscall (the single-step report forces a SIGTRAP, delivered in the exit loop). The same design also reopens CVE-2014-4699: force_iret() runs before a ptrace stop, so it tests pt_regs before the tracer writes them (`properties/sysretSafe.test.ts`). The register tests of v4.4 hold on both inputs. The pin's second path is the compat syscall, the one the seed's thread is about, with the flag set by the compat entry and `do_fast_syscall_32`'s tests in force_iret(): the same SIGTRAP moves RIP off the landing pad, the flag stays, and SYSRETL resumes at the handler with ECX holding RIP instead of the value IRET restores.",
  ],
  'v4.4-status-flag/two-phase-equivalent': ["As v4.4: the entry is 4.4's."],
  'v4.5/mask-dead-bits': ["As v4.4: released 4.5 has 4.4's header, `common.c` and entry code."],
  'v4.5/two-phase-equivalent': ['As v4.4.'],
  'v4.6-pre-302f5b260c32/mask-dead-bits': ['As v4.4: the merged PATCH 07/12 changed entry code, not masks.'],
  'v4.6-pre-302f5b260c32/two-phase-equivalent': [
    'As v4.4: the one-way tracesys calls the same two phases (in the C `syscall_trace_enter`).',
  ],
  'v4.6/mask-dead-bits': [
    'As v4.4: 0xe620 in `_TIF_ALLWORK_MASK`, which 4.6 now tests at the entry as well.',
  ],
  'v4.6/two-phase-equivalent': [
    "As v4.4: 4.6's `do_syscall_64` still calls phase 1 and phase 2 (phase 1 no longer does the NOHZ work, which `enter_from_user_mode` took over).",
  ],
  'v4.8/mask-dead-bits': [
    "As v4.6: `_TIF_ALLWORK_MASK` contains 0xe620. 4.8's single-phase entry has no two-phase finding.",
  ],
  'v5.11-rc1/exit-trace-once': [
    "Generic entry's own version of this bug class, read in kernel/entry/common.c at 299155244770, the last change to it merged for 5.11-rc1: the syscall exit work runs only for a bit of `SYSCALL_WORK_EXIT` in `ti->syscall_work`, but a task its tracer single-steps has only `TIF_SINGLESTEP`; and `report_single_step` is inverted, reporting a step only when SYSCALL_EMU is set too, so even a single-stepped task with audit or a tracepoint (which open the gate) loses its trap. Minimal: SINGLESTEP, an ordinary syscall: no `syscall_exit_work`, no trap after the syscall. rr's developers hit it as PTRACE_SYSCALL at the entry stop, then PTRACE_SINGLESTEP; that run breaks the same way (`properties/seedClaims.test.ts`). The compat syscall (`__do_fast_syscall_32`) leaves through the same `syscall_exit_to_user_mode`, so it loses the trap the same way; the pin has both paths.",
  ],
  'v5.11-rc1/exit-work-after-entry': ['As v5.11: the compat argument fault is older than rc1.'],
  'v5.11-pre-41c1a06d1d15/exit-trace-once': [
    '41c1a06d1d15 (5.11-rc6) turned `report_single_step` round; the gate stayed, so the same minimal run (SINGLESTEP alone) still loses its trap. 6342adcaa683 (5.11-rc7) added `SYSCALL_EXIT_TRAP`, set with `TIF_SINGLESTEP`, to the word and to the mask: v5.11 holds.',
  ],
  'v5.11-pre-41c1a06d1d15/exit-work-after-entry': ['As v5.11.'],
  'v5.11/exit-work-after-entry': [
    "Read in the 5.11 tree: a compat syscall whose EBP cannot be read from the user's stack (`ebp_fetch_fault`) sets ax to -EFAULT and calls `syscall_exit_to_user_mode` with IRQs on, so the exit work runs for a syscall whose entry work never ran. Minimal: SYSCALL_TRACEPOINT in `syscall_work`, an ordinary syscall, the fault: `trace_sys_exit` without `trace_sys_enter`; with SYSCALL_TRACE it is a ptrace exit stop with no entry stop, what strace saw. 5d5675df792f (after 5.11) calls `irqentry_exit_to_user_mode` instead; v6.14 has that form and holds.",
  ],
  'v7.1/exit-work-delivered': [
    'Read in the 7.1.3 tree (the same blob in 7.1.5 and at torvalds/linux 15dd3a948855): `hrtimer_rearm_deferred_user_irq` (include/linux/hrtimer_rearm.h), which the interrupt side of the exit runs before the loop, takes `~TIF_HRTIMER_REARM` out of its copy of the flags: the bit number, 12, where `_TIF_HRTIMER_REARM` was meant. The copy loses bits 2 and 3 (NOTIFY_SIGNAL and MEMDIE) and keeps bit 12, so its `return !*tif_work` never skips the loop as intended, and when NOTIFY_SIGNAL is the only other work the loop, which does not test bit 12, never runs: the task goes back to user mode with NOTIFY_SIGNAL set. Minimal: NOTIFY_SIGNAL and HRTIMER_REARM, no events; reachable on interrupt-exit (the timer interrupt that interrupted user mode sets HRTIMER_REARM, `set_notify_signal` from another task may have set NOTIFY_SIGNAL); latent on exception-exit, where nothing sets HRTIMER_REARM.',
    'How bad it is in practice (recalled, not modelled): `set_notify_signal` also kicks a running task with an IPI, which is taken right after the IRET and runs the loop on its own exit, so the usual cost is one more kernel entry, and the flag is not lost for good; a kick that came before the timer interrupt was taken leaves nothing to rescue it until the next entry. The fix is the mask in the copy: with `_TIF_HRTIMER_REARM` both this property and flag-operand hold (properties/modernEras.test.ts).',
  ],
  'v7.1/flag-operand': [
    'The operand behind v7.1/exit-work-delivered: `*tif_work &= ~TIF_HRTIMER_REARM` in `hrtimer_rearm_deferred_user_irq` (include/linux/hrtimer_rearm.h, 7.1.3) uses the bit number where the mask belongs. Every other flag operation of the exit, 6.17 to 7.1, tests a `_TIF_` mask and sets or clears a `TIF_` bit (read in each tree); `TIF_SLICE_EXT_DENY`, `TIF_SLICE_EXT_SCHED` and `TIF_REARM_MASK` are masks despite their names and are used as masks. Reported on every path because every return runs the function; on the syscall side it returns before the operation (its mask has no HRTIMER_REARM).',
  ],
};

/** The explanation pinned for a kernel's violation of a property, if there is one. */
export const explanationFor = (kernel: string, property: string): readonly string[] | undefined =>
  PIN_NOTES[`${kernel}/${property}`];
