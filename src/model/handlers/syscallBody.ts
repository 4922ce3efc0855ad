import type { SyscallEntry } from '../../kernels/behaviour/types.js';
import type { SyscallKind } from '../../kernels/syscalls.js';
import { COMPAT_SYSCALL_FUNCTIONS, SYSCALL_FUNCTIONS } from '../../kernels/syscalls.js';
import { andThen } from '../andThen.js';
import { isCompatTask, type ModelContext } from '../context.js';
import { alternatives, called, note, type Pending } from '../pending.js';
import { R11_OTHER, RCX_OTHER } from '../registers.js';
import { optionalPtraceStop } from './ptraceStop.js';
import { rewriteSavedFlags, statusFlagTests, taskSegs, writeRegs } from './registers.js';

/**
 * The syscall itself, as far as the exit cares: which C function runs on which frame (what the era
 * says it needs), what it does to pt_regs, the ptrace event stops it may make, and what may happen
 * to the flags meanwhile (KVM_RUN registering a user-return notifier). kernel-facts.md §5-6.
 */
export function syscallBody<L extends string>(
  p: Pending<L>,
  ctx: ModelContext,
  kind: SyscallKind,
  frameNeeds: SyscallEntry['frameNeeds'] | undefined = ctx.input.behaviour.syscallEntry?.frameNeeds,
): Pending<L>[] {
  const needs = frameNeeds?.[kind];
  const fn = (isCompatTask(ctx) ? COMPAT_SYSCALL_FUNCTIONS : SYSCALL_FUNCTIONS)[kind];
  let q = called(p, fn, needs === 'full', needs);
  let ps: Pending<L>[];
  switch (kind) {
    case 'ordinary':
      ps = [note(q, `${fn}: the syscall runs`)];
      break;
    case 'fork':
      q = note(q, `${fn}: a child is created (clone, fork and vfork alike)`);
      ps = [q, ...optionalPtraceStop(q, ctx, 'PTRACE_EVENT_FORK')];
      break;
    case 'execve':
      // start_thread writes ip, sp, cs, ss and flags of the new program into pt_regs.
      // RCX and R11 keep the old program's values; start_thread() calls force_iret() (process_64.c).
      ps = andThen(
        rewrittenThenForceIret(q, ctx, 'start_thread', `${fn}: start_thread() rewrites pt_regs`),
        (r) => [r, ...optionalPtraceStop(r, ctx, 'PTRACE_EVENT_EXEC')],
      );
      break;
    case 'rt_sigreturn':
      // Whatever the user wrote in the frame; restore_sigcontext() ends with force_iret() (signal.c).
      ps = rewrittenThenForceIret(
        q,
        ctx,
        'sigreturn',
        `${fn}: every register restored from the signal frame`,
      );
      break;
    case 'iopl':
      // The new IOPL goes into the saved flags. The 3.x stubs copy them into R11's slot on the way
      // back (RESTORE_TOP_OF_STACK), so SYSRET applies them; the C era writes RFLAGS alone.
      ps = [
        ctx.input.behaviour.syscallEntry?.ioplWrites === 'saved-flags'
          ? rewriteSavedFlags(q, `${fn}: a new IOPL written into the saved RFLAGS only`)
          : note(q, `${fn}: a new IOPL written into the saved RFLAGS, and by the stub into R11's slot`),
      ];
      break;
  }
  // The body events are KVM_RUN's (an ioctl): only an ordinary syscall has them.
  return kind === 'ordinary' ? andThen(ps, (r) => alternatives(r, 'syscall-body', ctx)) : ps;
}

/**
 * A syscall that rewrites pt_regs and then calls force_iret() (execve, rt_sigreturn): RCX and R11
 * are left unrelated to the new RIP and RFLAGS by default, and seed 001's design runs its tests.
 */
function rewrittenThenForceIret<L extends string>(
  p: Pending<L>,
  ctx: ModelContext,
  writer: 'start_thread' | 'sigreturn',
  what: string,
): Pending<L>[] {
  return statusFlagTests(note(writeRegs(p, writer, RCX_OTHER | R11_OTHER | taskSegs(ctx)), what), ctx);
}
