import type { ModelContext } from '../context.js';
import type { Machine } from '../machine.js';
import type { ModelState } from '../state.js';
import type { Branch, Terminal } from '../transition.js';
import { isReturned, isTerminal } from '../transition.js';

/**
 * Deliberately broken exit paths, for showing that a property can fail: each changes what one
 * label does, the way a plausible patch might. Test-only.
 */
export interface Mutant {
  readonly id: string;
  readonly what: string;
  readonly machine: Machine;
}

function mutate(
  base: Machine,
  label: string,
  change: (branches: Branch[], s: ModelState, ctx: ModelContext) => Branch[],
): Machine {
  return {
    ...base,
    step: (s, ctx) => {
      const branches = base.step(s, ctx);
      return s.label === label ? change(branches, s, ctx) : branches;
    },
  };
}

const mapNext = (b: Branch, f: (s: ModelState) => ModelState): Branch => ({
  ...b,
  next: isTerminal(b.next) ? ({ ...b.next, state: f(b.next.state) } as Terminal) : f(b.next),
});

export function mutantsOf(syscallExit: Machine): Mutant[] {
  return [
    {
      id: 'irqs-left-on',
      what: 'int_restore_rest forgets to disable IRQs before int_with_check reads the flags',
      machine: mutate(syscallExit, 'int_restore_rest', (bs) =>
        bs.map((b) => mapNext(b, (s) => ({ ...s, irqs: true }))),
      ),
    },
    {
      id: 'no-save-rest',
      what: 'int_check_syscall_exit_work calls C code without SAVE_REST',
      machine: mutate(syscallExit, 'int_check_syscall_exit_work', (bs) =>
        bs.map((b) => ({
          ...mapNext(b, (s) => ({ ...s, fullFrame: false })),
          calls: b.calls.map((c) => ({ ...c, fullFrame: false })),
        })),
      ),
    },
    {
      id: 'exit-work-kept-in-edi',
      what: 'int_check_syscall_exit_work no longer clears _TIF_WORK_SYSCALL_EXIT from %edi after syscall_trace_leave',
      machine: mutate(syscallExit, 'int_check_syscall_exit_work', (bs, before) =>
        bs.map((b) => mapNext(b, (s) => ({ ...s, mask: before.mask }))),
      ),
    },
    {
      id: 'trace-leave-skipped',
      what: 'int_check_syscall_exit_work goes to int_signal without calling syscall_trace_leave',
      machine: mutate(syscallExit, 'int_check_syscall_exit_work', (_bs, s, ctx) =>
        syscallExit.step({ ...s, work: (s.work & ~ctx.mask('_TIF_WORK_SYSCALL_EXIT')) >>> 0 }, ctx),
      ),
    },
    {
      id: 'sysret-after-stop',
      what: 'int_with_check returns by SYSRET, even after a ptrace stop may have changed pt_regs',
      machine: mutate(syscallExit, 'int_with_check', (bs) =>
        bs.map((b) => (isReturned(b.next) ? { ...b, next: { ...b.next, via: 'SYSRET' as const } } : b)),
      ),
    },
  ];
}
