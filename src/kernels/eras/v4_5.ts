import type { BaseSpec } from '../spec.js';
import { c4xTwoPhaseSpec } from './v4_4.js';

/**
 * Released 4.5 (arthur-lucena/linux-4.5-hw-so): 4.4's entry and exit. The ptregs series
 * (stub_ptregs_64, then the C slow path) was merged for 4.6; see v4.6-pre-302f5b260c32 and v4.6.
 */
export const v4_5: BaseSpec = c4xTwoPhaseSpec(
  'v4.5',
  'linux-4.5',
  "4.4's two-phase entry and C exit (the ptregs series is not in it)",
);
