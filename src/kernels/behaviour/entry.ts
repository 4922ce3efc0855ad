import { fromSeed, inferred, readAt, recalled } from '../cite.js';
import type { TreeId } from '../trees.js';
import type { Setter, SyscallEntry } from './types.js';

/**
 * The syscall entries of the modelled eras (kernel-facts.md §5, seeds 000 and 002). Each is data
 * the entry machines read; the differences between eras are the differences between these values.
 */

/**
 * 3.6 to 3.17: single-phase syscall_trace_enter, the auditsys fast path; the stubs of clone/fork/
 * vfork, execve and rt_sigreturn save the rest themselves, iopl's fixes up the top of stack (3.13
 * on, FIXED_FRAME; 3.6's PTREGSCALL saves the rest too), each as read in `tree`.
 */
export function entry3xSingle(tree: TreeId): SyscallEntry {
  const early = tree === 'linux-3.6';
  return {
    auditsys: true,
    tracesys: 'single-phase',
    phase1Nohz: 'mask',
    ptregs: 'stubs',
    ioplWrites: 'saved-flags-and-r11',
    frameNeeds: { fork: 'full', execve: 'full', rt_sigreturn: 'full', iopl: 'top-of-stack' },
    stubs: {
      fork: { label: 'stub_clone', saves: 'full', leaves: 'caller' },
      execve: { label: 'stub_execve', saves: 'full', leaves: 'iret-path' },
      rt_sigreturn: { label: 'stub_rt_sigreturn', saves: 'full', leaves: 'iret-path' },
      iopl: { label: 'stub_iopl', saves: early ? 'full' : 'top-of-stack', leaves: 'caller' },
    },
    ptregsKinds: [],
    cites: {
      tracesys: readAt(
        tree,
        'arch/x86/kernel/entry_64.S',
        'system_call tests _TIF_WORK_SYSCALL_ENTRY with IRQs on; tracesys: only SYSCALL_AUDIT goes to auditsys (__audit_syscall_entry, back to the fast path), else SAVE_REST, FIXUP_TOP_OF_STACK, syscall_trace_enter, the slow path to int_ret_from_sys_call',
      ),
      syscallTraceEnter: readAt(
        tree,
        'arch/x86/kernel/ptrace.c',
        'syscall_trace_enter: SINGLESTEP sets TF, seccomp (failure skips the rest), EMU, the ptrace report, the tracepoint, audit entry',
      ),
      stubs: readAt(
        tree,
        'arch/x86/kernel/entry_64.S',
        early
          ? 'PTREGSCALL stubs (clone, fork, vfork, iopl) call save_rest (SAVE_REST, FIXUP_TOP_OF_STACK) and return into system_call through ptregscall_common; stub_execve and stub_rt_sigreturn save the rest and jump to int_ret_from_sys_call'
          : 'FORK_LIKE stubs (clone, fork, vfork) SAVE_REST and FIXUP_TOP_OF_STACK and return into system_call; FIXED_FRAME stub_iopl only fixes up the top of stack; stub_execve and stub_rt_sigreturn save the rest and jump to int_ret_from_sys_call',
      ),
      frameNeeds: inferred(
        'what each 3.x stub saves is what its C function needs: the stubs exist for that; execve rewrites every register it returns with',
      ),
    },
  };
}

/**
 * 3.18 to 4.0: two-phase entry; phase 1 on the partial frame may send the syscall back to the fast
 * path (0), else SAVE_REST and phase 2. Phase 1 takes NOHZ out of its work with the _TIF_NOHZ mask
 * (3.18.30, 3.19 and 4.0 alike; the series as posted wrote the bit number, `phase1Nohz`).
 */
export function entry3xTwoPhase(tree: TreeId): SyscallEntry {
  const single = entry3xSingle(tree);
  return {
    ...single,
    auditsys: false,
    tracesys: 'phase1-rejoin',
    phase1Nohz: 'mask',
    cites: {
      ...single.cites,
      tracesys: readAt(
        tree,
        'arch/x86/kernel/entry_64.S',
        'tracesys: syscall_trace_enter_phase1 on the partial frame, 0 rejoins system_call_fastpath, else tracesys_phase2 (SAVE_REST, FIXUP_TOP_OF_STACK, phase 2, the slow path); no auditsys',
      ),
      phases: readAt(
        tree,
        'arch/x86/kernel/ptrace.c',
        'syscall_trace_enter_phase1: NOHZ (user_exit, work &= ~_TIF_NOHZ), seccomp phase 1, 0 when nothing is left, audits itself when only AUDIT is left, else 1; phase 2: SINGLESTEP sets TF, seccomp phase 2, EMU, the report, the tracepoint, audit',
      ),
    },
  };
}

/**
 * 4.3 to 4.5: the same two phases, moved to arch/x86/entry/common.c; tracesys in entry_64.S calls
 * phase 1 on the partial frame and rejoins entry_SYSCALL_64_fastpath on 0. The entry test is of
 * _TIF_WORK_SYSCALL_ENTRY alone, with IRQs already on. The stubs save the extra registers; iopl is
 * an ordinary fast-path call whose new IOPL goes into the saved RFLAGS only.
 */
export function entry4xTwoPhase(tree: TreeId): SyscallEntry {
  return {
    auditsys: false,
    tracesys: 'phase1-rejoin',
    phase1Nohz: 'mask',
    ptregs: 'stubs',
    ioplWrites: 'saved-flags',
    frameNeeds: { fork: 'full', rt_sigreturn: 'full' },
    stubs: {
      fork: { label: 'stub_clone', saves: 'full', leaves: 'caller' },
      execve: { label: 'stub_execve', saves: 'none', leaves: 'iret-path' },
      rt_sigreturn: { label: 'stub_rt_sigreturn', saves: 'full', leaves: 'iret-path' },
    },
    ptregsKinds: [],
    cites: {
      tracesys: readAt(
        tree,
        'arch/x86/entry/entry_64.S',
        'entry_SYSCALL_64 turns IRQs on, then tests _TIF_WORK_SYSCALL_ENTRY; tracesys calls syscall_trace_enter_phase1 on the partial frame, 0 rejoins entry_SYSCALL_64_fastpath, else tracesys_phase2 (SAVE_EXTRA_REGS, phase 2, the slow path)',
      ),
      phases: readAt(
        tree,
        'arch/x86/entry/common.c',
        'syscall_trace_enter_phase1: NOHZ (enter_from_user_mode, work &= ~_TIF_NOHZ), seccomp phase 1, 0 when nothing is left, audits itself when only AUDIT is left, else 1; phase 2: SINGLESTEP sets TF, seccomp phase 2, EMU, the report, the tracepoint, audit',
      ),
      stubs: readAt(
        tree,
        'arch/x86/entry/entry_64.S',
        'FORK_LIKE stubs SAVE_EXTRA_REGS and jump to sys_*, returning onto the fast path; stub_execve calls sys_execve and on success zeroes the extra registers and leaves through int_ret_from_sys_call; stub_rt_sigreturn saves them, calls sys_rt_sigreturn and does the same; iopl is plain sys_iopl (syscall_64.tbl)',
      ),
      iopl: readAt(
        tree,
        'arch/x86/kernel/ioport.c',
        'sys_iopl writes the new IOPL into regs->flags and nothing else; no force_iret',
      ),
      frameNeeds: inferred(
        'execve rewrites every register it returns with, so it needs none saved; iopl touches only regs->flags, which the 4.x frame always has',
      ),
    },
  };
}

const SEED_002 = '002_de78b7bca3d06c99.txt';

/** The syscalls PATCH 07/12 marks /ptregs in the 64-bit table (seed 002; 302f5b260c32 alike). */
const PTREGS_KINDS_PATCH_07: SyscallEntry['ptregsKinds'] = ['fork', 'execve', 'rt_sigreturn'];

/**
 * The December 2015 PATCH 07/12 as posted (seed 002's diff, against 4.4): the fast path's table
 * sends the ptregs syscalls to stub_ptregs_64, which drops its return address and jumps to tracesys;
 * and tracesys lost its test of phase 1's answer, so phase 2 always runs after phase 1.
 */
export const ENTRY_4_4_PTREGS_RFC: SyscallEntry = (() => {
  const base = entry4xTwoPhase('linux-4.4.1');
  return {
    ...base,
    tracesys: 'phase1-then-phase2',
    ptregs: 'stub-to-slow-path',
    ptregsKinds: PTREGS_KINDS_PATCH_07,
    cites: {
      ...base.cites,
      tracesys: fromSeed(
        `${SEED_002}: PATCH 07/12 removes the test of phase 1's answer (test/jnz tracesys_phase2) and the jump back to entry_SYSCALL_64_fastpath from tracesys, and the tracesys_phase2 label`,
      ),
      ptregs: fromSeed(
        `${SEED_002}: stub_ptregs_64 drops its return address (addq $8, %rsp) and jumps to tracesys; sys_call_table_fastpath_64 has it for the /ptregs entries (15 rt_sigreturn, 56-58 clone/fork/vfork, 59 execve)`,
      ),
    },
  };
})();

/**
 * PATCH 07/12 as merged (302f5b260c32, in the 4.6 merge window): stub_ptregs_64 goes to tracesys
 * only when called from the fast path, and tracesys is one-way: it saves the extra registers and
 * calls the C syscall_trace_enter, which runs phase 2 only when phase 1 asks. Only entry_64.S and
 * syscall_64.tbl are stored at that commit; the C side is taken as 4.5's.
 */
export const ENTRY_302F5B260C32: SyscallEntry = (() => {
  const base = entry4xTwoPhase('linux-4.5');
  return {
    ...base,
    tracesys: 'wrapper',
    ptregs: 'stub-checks-caller',
    ptregsKinds: PTREGS_KINDS_PATCH_07,
    cites: {
      ...base.cites,
      tracesys: readAt(
        'torvalds-302f5b260c32',
        'arch/x86/entry/entry_64.S',
        'entry test of _TIF_WORK_SYSCALL_ENTRY with IRQs on; tracesys saves the extra registers, calls syscall_trace_enter and falls into int_ret_from_sys_call: no way back to the fast path',
      ),
      ptregs: readAt(
        'torvalds-302f5b260c32',
        'arch/x86/entry/entry_64.S',
        'stub_ptregs_64 compares its return address with .Lentry_SYSCALL_64_after_fastpath_call: from the fast path it drops it and jumps to tracesys (IRQs stay on), else jmp *%rax; syscall_64.tbl marks stub_rt_sigreturn, stub_clone/fork/vfork, stub_execve and stub_execveat /ptregs, not iopl',
      ),
      phases: inferred(
        "4.5's common.c (syscall_trace_enter runs phase 1, then phase 2 when asked): common.c is not stored at 302f5b260c32",
      ),
    },
  };
})();

/**
 * 4.6: the ptregs series as released. entry_SYSCALL_64 tests _TIF_WORK_SYSCALL_ENTRY |
 * _TIF_ALLWORK_MASK before turning IRQs on; the slow path is the C do_syscall_64, whose
 * syscall_trace_enter is still phase 1 (without the NOHZ work, now enter_from_user_mode's, and
 * seccomp first) and phase 2 (without SINGLESTEP's TF); stub_ptregs_64 sends fast-path calls of the
 * /ptregs syscalls, now iopl too, to the slow path with IRQs off. The old stubs are gone.
 */
export function entry46(tree: TreeId): SyscallEntry {
  return {
    auditsys: false,
    tracesys: 'do-syscall-64-two-phase',
    phase1Nohz: 'none',
    ptregs: 'stub-checks-caller',
    ioplWrites: 'saved-flags',
    frameNeeds: { fork: 'full', execve: 'full', rt_sigreturn: 'full', iopl: 'full' },
    stubs: {},
    ptregsKinds: ['fork', 'execve', 'rt_sigreturn', 'iopl'],
    cites: {
      tracesys: readAt(
        tree,
        'arch/x86/entry/entry_64.S',
        'entry_SYSCALL_64 tests _TIF_WORK_SYSCALL_ENTRY|_TIF_ALLWORK_MASK with IRQs still off; set, entry_SYSCALL64_slow_path (SAVE_EXTRA_REGS, call do_syscall_64), else the fast path turns IRQs on',
      ),
      phases: readAt(
        tree,
        'arch/x86/entry/common.c',
        'do_syscall_64: enter_from_user_mode, IRQs on, syscall_trace_enter for _TIF_WORK_SYSCALL_ENTRY (phase 1: seccomp phase 1 first, no NOHZ work, 0 / audit-only / 1; phase 2: seccomp phase 2, EMU, the report, the tracepoint, audit; no TF for SINGLESTEP), the table, syscall_return_slowpath',
      ),
      ptregs: readAt(
        tree,
        'arch/x86/entry/entry_64.S',
        'stub_ptregs_64: called from the fast path, IRQs off and jmp entry_SYSCALL64_slow_path; else jmp *%rax; syscall_64.tbl marks rt_sigreturn, clone/fork/vfork, execve, iopl and execveat /ptregs',
      ),
      iopl: readAt(
        tree,
        'arch/x86/kernel/ioport.c',
        'sys_iopl writes the new IOPL into regs->flags and nothing else; no force_iret',
      ),
      frameNeeds: inferred('a /ptregs syscall is one that needs the full frame'),
    },
  };
}

/** The tracer, at a syscall-entry stop, sets orig_ax to -1: the syscall is not run. */
export const TRACER_SKIPS_SYSCALL: Setter = {
  id: 'tracer_skips_syscall',
  what: 'the tracer sets orig_ax to -1 at a syscall-entry stop, cancelling the syscall',
  sets: [],
  during: 'syscall-entry-stop',
  changesRegs: true,
  skipsSyscall: true,
  cite: recalled(
    'PTRACE_SETREGS/POKEUSER of orig_ax at a syscall-entry or seccomp stop; the entry code then skips a syscall number above __NR_syscall_max',
  ),
};

/**
 * 4.8: 4.6's entry, with the single-phase syscall_trace_enter (ptrace, then seccomp, the
 * tracepoint, audit) in do_syscall_64.
 */
export function entry48(tree: TreeId): SyscallEntry {
  const base = entry46(tree);
  return {
    ...base,
    tracesys: 'do-syscall-64',
    cites: {
      ...base.cites,
      phases: readAt(
        tree,
        'arch/x86/entry/common.c',
        'do_syscall_64: enter_from_user_mode, IRQs on, syscall_trace_enter for _TIF_WORK_SYSCALL_ENTRY: EMU, the ptrace report, seccomp, the tracepoint, audit; then the table and syscall_return_slowpath',
      ),
    },
  };
}
