import type { PropertyId } from '../src/check/propertyId.js';
import type { KernelId } from '../src/kernels/kernelId.js';
import type { PathId } from '../src/kernels/pathId.js';

/**
 * The expected verdict of every property on every path of every built-in kernel, failures
 * included: data that properties/verdicts.test.ts checks against the exhaustive search. A path
 * missing from a row means the property does not apply there; `masks` is the verdict of a mask
 * property for a kernel whose paths are not modelled yet.
 */
type Row = Partial<Record<PathId | 'masks', 'holds' | 'violated'>>;
export type VerdictTable = Record<KernelId, Partial<Record<PropertyId, Row>>>;

const H = 'holds' as const;
const V = 'violated' as const;
const all = (v: 'holds' | 'violated'): Row => ({
  'syscall-exit': v,
  'interrupt-exit': v,
  'exception-exit': v,
  'paranoid-exit': v,
});

/** The asm kernels before the UPROBE fix: the seed's livelock, and UPROBE deferred on retint. */
const BEFORE_UPROBE_FIX = {
  'exit-terminates': { ...all(H), 'syscall-exit': V },
  'exit-work-delivered': { ...all(H), 'interrupt-exit': V, 'exception-exit': V },
  'exit-final-check-irqs-off': all(H),
  'exit-trace-once': { 'syscall-exit': H },
  'exit-full-frame': all(H),
  'mask-dead-bits': all(V),
};

const AFTER_UPROBE_FIX = {
  ...BEFORE_UPROBE_FIX,
  'exit-terminates': all(H),
  'exit-work-delivered': all(H),
};

const MASKS_ONLY = (v: 'holds' | 'violated') => ({ 'mask-dead-bits': { masks: v } });

export const EXPECTED_VERDICTS: VerdictTable = {
  'v3.6': BEFORE_UPROBE_FIX,
  'v3.13': BEFORE_UPROBE_FIX,
  'v3.13-viro': { ...AFTER_UPROBE_FIX, 'mask-dead-bits': all(H) },
  'v3.14': AFTER_UPROBE_FIX,
  'v3.18': AFTER_UPROBE_FIX,
  // The 0x0000FFFF-based _TIF_ALLWORK_MASK lives on in the 4.x headers.
  'v4.3-rc1': MASKS_ONLY(V),
  'v4.4': MASKS_ONLY(V),
  'v4.8': MASKS_ONLY(V),
  // Generic entry's masks are written with named flags only.
  'v5.11': MASKS_ONLY(H),
  'v6.14': MASKS_ONLY(H),
};
