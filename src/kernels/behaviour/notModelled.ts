import { inferred } from '../cite.js';
import type { Behaviour } from './types.js';

/**
 * For kernels whose control flow is not modelled yet (the C exit loops of 4.3+ and generic entry
 * come with their own issue): masks only, no paths, so only mask properties are checked.
 */
export const MASKS_ONLY: Behaviour = {
  exitModel: 'none',
  paths: [],
  doNotifyResume: [],
  sticky: [],
  returnWork: [],
  neverSet: [],
  setters: [],
  forceIretAfterPtraceStop: false,
  opportunisticSysret: 'none',
  auditSyscall: true,
  cites: { paths: inferred('no exit machine for this era yet: only mask properties apply') },
};
