import { asm3xBehaviour } from '../behaviour/asm3x.js';
import { entry3xSingle } from '../behaviour/entry.js';
import { readAt } from '../cite.js';
import type { BaseSpec } from '../spec.js';
import { asmMasks } from './asmMasks.js';

/**
 * v3.6 (New-B/Linux3.6, the release): the asm exits of entry_64.S. TIF_IRET still holds bit 5 and
 * TIF_DEBUG bit 21; polling is the status bit TS_POLLING, not a TIF. UPROBE (new in 3.5) is in WORK
 * and ALLWORK through the 0x0000FFFF constant but not in DO_NOTIFY; there is no NOHZ yet.
 * do_notify_resume clears TIF_UPROBE itself before calling uprobe_notify_resume.
 */
export const V3_6_BITS = {
  SYSCALL_TRACE: 0,
  NOTIFY_RESUME: 1,
  SIGPENDING: 2,
  NEED_RESCHED: 3,
  SINGLESTEP: 4,
  IRET: 5,
  SYSCALL_EMU: 6,
  SYSCALL_AUDIT: 7,
  SECCOMP: 8,
  MCE_NOTIFY: 10,
  USER_RETURN_NOTIFY: 11,
  UPROBE: 12,
  NOTSC: 16,
  IA32: 17,
  FORK: 18,
  MEMDIE: 20,
  DEBUG: 21,
  IO_BITMAP: 22,
  FORCED_TF: 24,
  BLOCKSTEP: 25,
  LAZY_MMU_UPDATES: 27,
  SYSCALL_TRACEPOINT: 28,
  ADDR32: 29,
  X32: 30,
} as const;

const behaviour = asm3xBehaviour({
  tree: 'linux-3.6',
  uprobeClear: 'caller',
  denySignalSets: ['UPROBE', 'NOTIFY_RESUME'],
  mce: true,
  ptraceStopHook: false,
  paranoidFromUser: 'paranoid_userspace',
  opportunisticSysret: 'none',
  syscallFastExit: 'sysret-careful',
  entry: entry3xSingle('linux-3.6'),
});

export const v3_6: BaseSpec = {
  kind: 'base',
  id: 'v3.6',
  title: 'asm exits; TIF_IRET still bit 5; UPROBE not in DO_NOTIFY; no NOHZ',
  flags: {
    bits: V3_6_BITS,
    cite: readAt('linux-3.6', 'arch/x86/include/asm/thread_info.h', 'the TIF_* bit numbers'),
  },
  masks: asmMasks('linux-3.6', { nohz: false, uprobeInDoNotify: false, mce: true }),
  behaviour: {
    ...behaviour,
    // Only 32-bit code sets TIF_IRET (sys_execve and vm86 under CONFIG_X86_32); on x86-64 it is a
    // defined flag that nothing sets, sitting inside WORK and ALLWORK.
    neverSet: ['IRET'],
    cites: {
      ...behaviour.cites,
      neverSet: readAt(
        'linux-3.6',
        'arch/x86/kernel/process.c',
        'sys_execve sets TIF_IRET only under CONFIG_X86_32 (vm86_32.c too); do_notify_resume clears it only there',
      ),
    },
  },
};
