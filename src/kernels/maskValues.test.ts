import { describe, expect, it } from 'vitest';
import { decompose } from '../flags/decompose.js';
import { tableFor } from '../flags/maskSet.js';
import { KERNEL_IDS, type KernelId } from './kernelId.js';
import { getKernel } from './registry.js';

/**
 * Every mask of every built-in kernel, computed by hand from kernel-facts.md §1 (bit table and mask
 * definitions), not from tifcheck's output: [value, named flags in bit order, unnamed bits].
 *
 * Worked example, v3.13 _TIF_WORK_MASK: 0xffff & ~(TRACE 0x1 | SINGLESTEP 0x10 | EMU 0x40 |
 * AUDIT 0x80 | SECCOMP 0x100 = 0x1d1) = 0xfe2e; its flags NOTIFY_RESUME 0x2, SIGPENDING 0x4,
 * NEED_RESCHED 0x8, MCE_NOTIFY 0x400, USER_RETURN_NOTIFY 0x800, UPROBE 0x1000 sum to 0x1c0e, and
 * 0xfe2e - 0x1c0e = 0xe220 (bits 5, 9, 13, 14, 15: bit 5 was TIF_IRET until 3.7).
 */
type Row = readonly [value: number, flags: readonly string[], unnamed: number];

const ENTRY_3X = [
  'SYSCALL_TRACE',
  'SINGLESTEP',
  'SYSCALL_EMU',
  'SYSCALL_AUDIT',
  'SECCOMP',
  'SYSCALL_TRACEPOINT',
];
const EXIT_3X = ['SYSCALL_TRACE', 'SINGLESTEP', 'SYSCALL_AUDIT', 'SYSCALL_TRACEPOINT'];
const WORK_313 = [
  'NOTIFY_RESUME',
  'SIGPENDING',
  'NEED_RESCHED',
  'MCE_NOTIFY',
  'USER_RETURN_NOTIFY',
  'UPROBE',
];
const ALLWORK_313 = [
  'SYSCALL_TRACE',
  'NOTIFY_RESUME',
  'SIGPENDING',
  'NEED_RESCHED',
  'SINGLESTEP',
  'SYSCALL_EMU',
  'SYSCALL_AUDIT',
  'MCE_NOTIFY',
  'USER_RETURN_NOTIFY',
  'UPROBE',
  'NOHZ',
  'SYSCALL_TRACEPOINT',
];
const DO_NOTIFY_313 = ['NOTIFY_RESUME', 'SIGPENDING', 'MCE_NOTIFY', 'USER_RETURN_NOTIFY'];
const ENTRY_4X = [
  'SYSCALL_TRACE',
  'SINGLESTEP',
  'SYSCALL_EMU',
  'SYSCALL_AUDIT',
  'SECCOMP',
  'NOHZ',
  'SYSCALL_TRACEPOINT',
];
const ALLWORK_4X = [
  'SYSCALL_TRACE',
  'NOTIFY_RESUME',
  'SIGPENDING',
  'NEED_RESCHED',
  'SINGLESTEP',
  'SYSCALL_EMU',
  'SYSCALL_AUDIT',
  'USER_RETURN_NOTIFY',
  'UPROBE',
  'NOHZ',
  'SYSCALL_TRACEPOINT',
];
const SW_ENTER = [
  'SECCOMP',
  'SYSCALL_TRACEPOINT',
  'SYSCALL_TRACE',
  'SYSCALL_EMU',
  'SYSCALL_AUDIT',
  'SYSCALL_USER_DISPATCH',
];
const SW_EXIT = [
  'SYSCALL_TRACEPOINT',
  'SYSCALL_TRACE',
  'SYSCALL_AUDIT',
  'SYSCALL_USER_DISPATCH',
  'SYSCALL_EXIT_TRAP',
];

const V3_13: Record<string, Row> = {
  _TIF_WORK_SYSCALL_ENTRY: [0x100801d1, [...ENTRY_3X.slice(0, 5), 'NOHZ', 'SYSCALL_TRACEPOINT'], 0],
  _TIF_WORK_SYSCALL_EXIT: [0x10080091, [...EXIT_3X.slice(0, 3), 'NOHZ', 'SYSCALL_TRACEPOINT'], 0],
  _TIF_WORK_MASK: [0x0000fe2e, WORK_313, 0xe220],
  _TIF_ALLWORK_MASK: [0x1008feff, ALLWORK_313, 0xe220],
  _TIF_DO_NOTIFY_MASK: [0x00000c06, DO_NOTIFY_313, 0],
};
const V3_18: Record<string, Row> = {
  ...V3_13,
  _TIF_DO_NOTIFY_MASK: [0x00001c06, [...DO_NOTIFY_313, 'UPROBE'], 0],
};

const V4_4: Record<string, Row> = {
  _TIF_WORK_SYSCALL_ENTRY: [0x100801d1, ENTRY_4X, 0],
  _TIF_ALLWORK_MASK: [0x1008feff, ALLWORK_4X, 0xe620],
  SYSCALL_EXIT_WORK_FLAGS: [0x10000091, EXIT_3X, 0],
  EXIT_TO_USERMODE_LOOP_FLAGS: [
    0x0000180e,
    ['NOTIFY_RESUME', 'SIGPENDING', 'NEED_RESCHED', 'USER_RETURN_NOTIFY', 'UPROBE'],
    0,
  ],
};

// 4.6 takes SINGLESTEP out of the entry mask; ALLWORK keeps it.
// x86 defines none of the ARCH_* parts of the generic masks: each is the header's 0.
const GENERIC_ARCH: Record<string, Row> = {
  ARCH_EXIT_TO_USER_MODE_WORK: [0, [], 0],
  ARCH_SYSCALL_WORK_ENTER: [0, [], 0],
  ARCH_SYSCALL_WORK_EXIT: [0, [], 0],
};

const V4_6: Record<string, Row> = {
  _TIF_WORK_SYSCALL_ENTRY: [0x100801c1, ENTRY_4X.filter((f) => f !== 'SINGLESTEP'), 0],
  _TIF_ALLWORK_MASK: [0x1008feff, ALLWORK_4X, 0xe620],
  SYSCALL_EXIT_WORK_FLAGS: [0x10000091, EXIT_3X, 0],
  EXIT_TO_USERMODE_LOOP_FLAGS: [
    0x0000180e,
    ['NOTIFY_RESUME', 'SIGPENDING', 'NEED_RESCHED', 'USER_RETURN_NOTIFY', 'UPROBE'],
    0,
  ],
};

// 6.18 on: the generic TIF numbering. 6.19 adds RSEQ (bit 11) to the exit work and a loop mask
// without it; 7.0 the slice-extension masks and SYSCALL_RSEQ_SLICE (syscall_work bit 7); 7.1 the
// per-path masks with HRTIMER_REARM (bit 12), and no ARCH_ syscall masks.
const G_WORK = [
  'NOTIFY_RESUME',
  'SIGPENDING',
  'NOTIFY_SIGNAL',
  'NEED_RESCHED',
  'NEED_RESCHED_LAZY',
  'UPROBE',
  'PATCH_PENDING',
];
const G_WORK_RSEQ = [...G_WORK, 'RSEQ'];
const V6_19: Record<string, Row> = {
  ...GENERIC_ARCH,
  EXIT_TO_USER_MODE_WORK: [0xb37, G_WORK_RSEQ, 0],
  EXIT_TO_USER_MODE_WORK_LOOP: [0x337, G_WORK, 0],
  SYSCALL_WORK_ENTER: [0x3f, SW_ENTER, 0],
  SYSCALL_WORK_EXIT: [0x76, SW_EXIT, 0],
};
const V7_0: Record<string, Row> = {
  ...V6_19,
  TIF_SLICE_EXT_SCHED: [0x30, ['NEED_RESCHED', 'NEED_RESCHED_LAZY'], 0],
  TIF_SLICE_EXT_DENY: [
    0xb07,
    ['NOTIFY_RESUME', 'SIGPENDING', 'NOTIFY_SIGNAL', 'UPROBE', 'PATCH_PENDING', 'RSEQ'],
    0,
  ],
  SYSCALL_WORK_ENTER: [0xbf, [...SW_ENTER, 'SYSCALL_RSEQ_SLICE'], 0],
};
const { ARCH_SYSCALL_WORK_ENTER: _e, ARCH_SYSCALL_WORK_EXIT: _x, ...V7_0_WITHOUT_ARCH_SYSCALL } = V7_0;

const EXPECTED: Record<KernelId, Record<string, Row>> = {
  'v3.6': {
    _TIF_WORK_SYSCALL_ENTRY: [0x100001d1, ENTRY_3X, 0],
    _TIF_WORK_SYSCALL_EXIT: [0x10000091, EXIT_3X, 0],
    // Seed 003's "0xe200 (aka bits 15,14,13,9)" is exactly this table: bit 5 is still TIF_IRET.
    _TIF_WORK_MASK: [
      0x0000fe2e,
      ['NOTIFY_RESUME', 'SIGPENDING', 'NEED_RESCHED', 'IRET', 'MCE_NOTIFY', 'USER_RETURN_NOTIFY', 'UPROBE'],
      0xe200,
    ],
    _TIF_ALLWORK_MASK: [
      0x1000feff,
      [
        'SYSCALL_TRACE',
        'NOTIFY_RESUME',
        'SIGPENDING',
        'NEED_RESCHED',
        'SINGLESTEP',
        'IRET',
        'SYSCALL_EMU',
        'SYSCALL_AUDIT',
        'MCE_NOTIFY',
        'USER_RETURN_NOTIFY',
        'UPROBE',
        'SYSCALL_TRACEPOINT',
      ],
      0xe200,
    ],
    _TIF_DO_NOTIFY_MASK: [0x00000c06, DO_NOTIFY_313, 0],
  },
  'v3.13': V3_13,
  'v3.13-viro': {
    ...V3_18,
    _TIF_WORK_MASK: [0x00001c0e, WORK_313, 0],
    _TIF_ALLWORK_MASK: [0x10081c9f, ALLWORK_313.filter((f) => f !== 'SYSCALL_EMU'), 0],
  },
  // UPROBE joins DO_NOTIFY only in 3.18; 3.14 and 3.16 write 3.13's masks.
  'v3.14': V3_13,
  'v3.16': V3_13,
  'v3.18': V3_18,
  // 3.19's header (the commit's own is not stored).
  'v4.0-pre-2a23c6b8a9c4': V3_18,
  // MCE_NOTIFY (bit 10) is gone: out of DO_NOTIFY, and an unnamed bit of WORK and ALLWORK.
  'v4.0': {
    ...V3_18,
    _TIF_WORK_MASK: [0x0000fe2e, WORK_313.filter((f) => f !== 'MCE_NOTIFY'), 0xe620],
    _TIF_ALLWORK_MASK: [0x1008feff, ALLWORK_313.filter((f) => f !== 'MCE_NOTIFY'), 0xe620],
    _TIF_DO_NOTIFY_MASK: [0x00001806, ['NOTIFY_RESUME', 'SIGPENDING', 'USER_RETURN_NOTIFY', 'UPROBE'], 0],
  },
  'v4.3-pre-c5c46f59e4e7': {
    _TIF_WORK_SYSCALL_ENTRY: [0x100801d1, ENTRY_4X, 0],
    // MCE_NOTIFY (bit 10) is gone too, so ALLWORK's unnamed low bits grow to 0xe620.
    _TIF_ALLWORK_MASK: [0x1008feff, ALLWORK_4X, 0xe620],
    SYSCALL_EXIT_WORK_FLAGS: [0x10000091, EXIT_3X, 0],
    EXIT_TO_USERMODE_LOOP_FLAGS: [0x0000100e, ['NOTIFY_RESUME', 'SIGPENDING', 'NEED_RESCHED', 'UPROBE'], 0],
  },
  'v4.4': V4_4,
  'v4.4-status-flag': V4_4,
  // The ptregs patch changed entry code, not masks.
  'v4.4-ptregs-rfc': V4_4,
  'v4.3': V4_4,
  'v4.5': V4_4,
  // The header and common.c are 4.5's at that commit; only the entry code changed.
  'v4.6-pre-302f5b260c32': V4_4,
  'v4.6': V4_6,
  'v4.8': V4_6,
  // 299155244770's mask, without SYSCALL_EXIT_TRAP (bit 6): 0x76 & ~0x40.
  'v5.11-rc1': {
    ...GENERIC_ARCH,
    EXIT_TO_USER_MODE_WORK: [
      0x0002300e,
      ['NOTIFY_RESUME', 'SIGPENDING', 'NEED_RESCHED', 'UPROBE', 'PATCH_PENDING', 'NOTIFY_SIGNAL'],
      0,
    ],
    SYSCALL_WORK_ENTER: [0x3f, SW_ENTER, 0],
    SYSCALL_WORK_EXIT: [0x36, SW_EXIT.filter((n) => n !== 'SYSCALL_EXIT_TRAP'), 0],
  },
  'v5.11-pre-41c1a06d1d15': {
    ...GENERIC_ARCH,
    EXIT_TO_USER_MODE_WORK: [
      0x0002300e,
      ['NOTIFY_RESUME', 'SIGPENDING', 'NEED_RESCHED', 'UPROBE', 'PATCH_PENDING', 'NOTIFY_SIGNAL'],
      0,
    ],
    SYSCALL_WORK_ENTER: [0x3f, SW_ENTER, 0],
    SYSCALL_WORK_EXIT: [0x36, SW_EXIT.filter((n) => n !== 'SYSCALL_EXIT_TRAP'), 0],
  },
  'v5.11': {
    ...GENERIC_ARCH,
    EXIT_TO_USER_MODE_WORK: [
      0x0002300e,
      ['NOTIFY_RESUME', 'SIGPENDING', 'NEED_RESCHED', 'UPROBE', 'PATCH_PENDING', 'NOTIFY_SIGNAL'],
      0,
    ],
    SYSCALL_WORK_ENTER: [0x3f, SW_ENTER, 0],
    SYSCALL_WORK_EXIT: [0x76, SW_EXIT, 0],
  },
  'v6.14': {
    ...GENERIC_ARCH,
    EXIT_TO_USER_MODE_WORK: [
      0x0002301e,
      [
        'NOTIFY_RESUME',
        'SIGPENDING',
        'NEED_RESCHED',
        'NEED_RESCHED_LAZY',
        'UPROBE',
        'PATCH_PENDING',
        'NOTIFY_SIGNAL',
      ],
      0,
    ],
    SYSCALL_WORK_ENTER: [0x3f, SW_ENTER, 0],
    SYSCALL_WORK_EXIT: [0x76, SW_EXIT, 0],
  },
  'v6.17': {
    ...GENERIC_ARCH,
    EXIT_TO_USER_MODE_WORK: [
      0x0002301e,
      [
        'NOTIFY_RESUME',
        'SIGPENDING',
        'NEED_RESCHED',
        'NEED_RESCHED_LAZY',
        'UPROBE',
        'PATCH_PENDING',
        'NOTIFY_SIGNAL',
      ],
      0,
    ],
    SYSCALL_WORK_ENTER: [0x3f, SW_ENTER, 0],
    SYSCALL_WORK_EXIT: [0x76, SW_EXIT, 0],
  },
  'v6.18': {
    ...GENERIC_ARCH,
    EXIT_TO_USER_MODE_WORK: [0x337, G_WORK, 0],
    SYSCALL_WORK_ENTER: [0x3f, SW_ENTER, 0],
    SYSCALL_WORK_EXIT: [0x76, SW_EXIT, 0],
  },
  'v6.19': V6_19,
  'v7.0': V7_0,
  'v7.1': {
    ...V7_0_WITHOUT_ARCH_SYSCALL,
    EXIT_TO_USER_MODE_WORK_SYSCALL: [0xb37, G_WORK_RSEQ, 0],
    EXIT_TO_USER_MODE_WORK_IRQ: [0x1b37, [...G_WORK_RSEQ, 'HRTIMER_REARM'], 0],
    TIF_REARM_MASK: [0x1030, ['NEED_RESCHED', 'NEED_RESCHED_LAZY', 'HRTIMER_REARM'], 0],
  },
};

describe('built-in kernels', () => {
  for (const id of KERNEL_IDS) {
    it(`should give ${id} exactly the masks and values computed by hand`, () => {
      const k = getKernel(id);
      const actual = Object.fromEntries(
        [...k.masks].map(([name, def]): [string, Row] => {
          const v = k.values.get(name) ?? -1;
          const d = decompose(v, tableFor(k.tables, def.word));
          return [name, [v, d.flags, d.unnamed]];
        }),
      );
      expect(actual).toEqual(EXPECTED[id]);
    });
  }

  it('should put the flags the seeds talk about on the bits kernel-facts.md gives', () => {
    const bit = (id: KernelId, name: string) => getKernel(id).tables.flags?.bitOf.get(name);
    expect([bit('v3.6', 'IRET'), bit('v3.13', 'IRET'), bit('v3.13', 'UPROBE'), bit('v3.13', 'NOHZ')]).toEqual(
      [5, undefined, 12, 19],
    );
    expect([
      bit('v5.11', 'SINGLESTEP'),
      bit('v6.14', 'SINGLESTEP'),
      bit('v6.14', 'NEED_RESCHED_LAZY'),
    ]).toEqual([4, 5, 4]);
    expect([
      bit('v5.11', 'NOTIFY_SIGNAL'),
      bit('v5.11', 'SYSCALL_TRACE'),
      getKernel('v5.11').tables.syscall_work?.bitOf.get('SYSCALL_EMU'),
    ]).toEqual([17, undefined, 3]);
  });

  it('should derive each variant from its parent in a few edits and cite where they come from', () => {
    for (const id of ['v3.13-viro'] as const) {
      const k = getKernel(id);
      expect(k.parent).toBe('v3.13');
      expect(k.edits.length).toBeLessThanOrEqual(3);
      expect(k.cite?.ref.length ?? 0).toBeGreaterThan(10);
    }
  });

  it('should cite every mask', () => {
    for (const id of KERNEL_IDS) {
      const k = getKernel(id);
      for (const name of k.masks.keys())
        expect(k.maskInfo.get(name)?.cite.ref ?? '', `${id} ${name}`).not.toBe('');
    }
  });
});
