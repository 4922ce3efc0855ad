import type { Behaviour, SyscallEntry } from '../../kernels/behaviour/types.js';
import type { KernelId } from '../../kernels/kernelId.js';
import type { Machine } from '../machine.js';
import { AUDIT_EXIT, type ModelState } from '../state.js';
import { type Branch, isTerminal, type Terminal } from '../transition.js';

/**
 * Broken whole-syscall models, for showing that the entry properties can fail: each changes one
 * fact of a real kernel's entry (its data) or one label of its machine, the way a plausible patch
 * might. Test-only.
 */
export interface EntryMutant {
  readonly id: string;
  readonly what: string;
  readonly kernel: KernelId;
  readonly behaviour?: (b: Behaviour) => Behaviour;
  readonly machine?: (m: Machine) => Machine;
}

function entryOf(b: Behaviour): SyscallEntry {
  if (b.syscallEntry === undefined) throw new Error('a kernel with a syscall entry');
  return b.syscallEntry;
}

const withEntry =
  (change: (e: SyscallEntry) => SyscallEntry) =>
  (b: Behaviour): Behaviour => ({
    ...b,
    syscallEntry: change(entryOf(b)),
  });

const mapNext = (b: Branch, f: (s: ModelState) => ModelState): Branch => ({
  ...b,
  next: isTerminal(b.next) ? ({ ...b.next, state: f(b.next.state) } as Terminal) : f(b.next),
});

export const ENTRY_MUTANTS: readonly EntryMutant[] = [
  {
    id: 'stub-clone-saves-nothing',
    what: 'v3.13 stub_clone calls sys_clone without SAVE_REST and FIXUP_TOP_OF_STACK',
    kernel: 'v3.13',
    behaviour: withEntry((e) => ({
      ...e,
      stubs: { ...e.stubs, fork: { label: 'stub_clone', saves: 'none', leaves: 'caller' } },
    })),
  },
  {
    id: 'stub-iopl-no-fixup',
    what: 'v3.13 stub_iopl calls sys_iopl without FIXUP_TOP_OF_STACK',
    kernel: 'v3.13',
    behaviour: withEntry((e) => ({
      ...e,
      stubs: { ...e.stubs, iopl: { label: 'stub_iopl', saves: 'none', leaves: 'caller' } },
    })),
  },
  {
    id: 'stub-ptregs-ignores-caller',
    what: '302f5b260c32 stub_ptregs_64 jumps to tracesys even when tracesys called it',
    kernel: 'v4.6-pre-302f5b260c32',
    machine: (m) => ({
      ...m,
      step: (s, ctx) =>
        s.label === 'stub_ptregs_64' && !s.fastPath
          ? [{ next: { ...s, label: 'tracesys' }, notes: null, calls: [], events: [] }]
          : m.step(s, ctx),
    }),
  },
  {
    id: 'slow-exit-forgets-audit',
    what: 'v4.4 syscall_return_slowpath skips audit_syscall_exit',
    kernel: 'v4.4',
    machine: (m) => ({
      ...m,
      step: (s, ctx) => {
        const bs = m.step(s, ctx);
        if (s.label !== 'syscall_return_slowpath') return bs;
        return bs.map((b) =>
          mapNext(b, (t) => ({
            ...t,
            auditInSyscall: s.auditInSyscall,
            done: t.done & ~(3 << (2 * AUDIT_EXIT)),
          })),
        );
      },
    }),
  },
];
