import type { Property } from '../src/check/property.js';
import type { PropertyId } from '../src/check/propertyId.js';
import { auditBalanced } from './auditBalanced.js';
import { entryWorkOnce } from './entryWorkOnce.js';
import { exitFinalCheckIrqsOff } from './exitFinalCheckIrqsOff.js';
import { exitFullFrame } from './exitFullFrame.js';
import { exitTerminates } from './exitTerminates.js';
import { exitTraceOnce } from './exitTraceOnce.js';
import { exitWorkAfterEntry } from './exitWorkAfterEntry.js';
import { exitWorkDelivered } from './exitWorkDelivered.js';
import { flagOperand } from './flagOperand.js';
import { maskDeadBits } from './maskDeadBits.js';
import { ptregsFullFrame } from './ptregsFullFrame.js';
import { rseqExitAtomic } from './rseqExitAtomic.js';
import { sliceGrantDefersResched } from './sliceGrantDefersResched.js';
import { sysretSafe } from './sysretSafe.js';
import { twoPhaseEquivalent } from './twoPhaseEquivalent.js';

/** The catalogue: every property id has its definition, or this does not compile. */
export const PROPERTIES: Record<PropertyId, Property> = {
  'exit-terminates': exitTerminates,
  'exit-work-delivered': exitWorkDelivered,
  'exit-final-check-irqs-off': exitFinalCheckIrqsOff,
  'exit-trace-once': exitTraceOnce,
  'exit-full-frame': exitFullFrame,
  'mask-dead-bits': maskDeadBits,
  'entry-work-once': entryWorkOnce,
  'audit-balanced': auditBalanced,
  'ptregs-full-frame': ptregsFullFrame,
  'two-phase-equivalent': twoPhaseEquivalent,
  'sysret-safe': sysretSafe,
  'exit-work-after-entry': exitWorkAfterEntry,
  'flag-operand': flagOperand,
  'rseq-exit-atomic': rseqExitAtomic,
  'slice-grant-defers-resched': sliceGrantDefersResched,
};
