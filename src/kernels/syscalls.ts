/**
 * The syscalls the model tells apart: an ordinary one, and those that need more than the partial
 * pt_regs of the fast path (kernel-facts.md §5): clone/fork/vfork behave alike, then execve,
 * rt_sigreturn and iopl.
 */
export const SYSCALL_KINDS = ['ordinary', 'fork', 'execve', 'rt_sigreturn', 'iopl'] as const;
export type SyscallKind = (typeof SYSCALL_KINDS)[number];

/** What a seccomp filter returns for the syscall (SECCOMP_RET_*), when TIF_SECCOMP is set. */
export const SECCOMP_OUTCOMES = ['allow', 'errno', 'trap', 'kill', 'trace'] as const;
export type SeccompOutcome = (typeof SECCOMP_OUTCOMES)[number];

/** The kernel function that runs each kind's body, as traces name it. */
export const SYSCALL_FUNCTIONS: Record<SyscallKind, string> = {
  ordinary: 'sys_call_table[nr]',
  fork: 'sys_clone',
  execve: 'sys_execve',
  rt_sigreturn: 'sys_rt_sigreturn',
  iopl: 'sys_iopl',
};

/** The same on the compat path (ia32_sys_call_table's entries, 4.4 and later; recalled, not read). */
export const COMPAT_SYSCALL_FUNCTIONS: Record<SyscallKind, string> = {
  ordinary: 'ia32_sys_call_table[nr]',
  fork: 'sys_clone',
  execve: 'compat_sys_execve',
  rt_sigreturn: 'sys32_rt_sigreturn',
  iopl: 'sys_iopl',
};
