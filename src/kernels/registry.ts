import { unwrap } from '../flags/errors.js';
import { buildBase, buildVariant } from './build.js';
import { v3_6 } from './eras/v3_6.js';
import { v3_13 } from './eras/v3_13.js';
import { v3_13_viro } from './eras/v3_13_viro.js';
import { v3_14 } from './eras/v3_14.js';
import { v3_16 } from './eras/v3_16.js';
import { v3_18 } from './eras/v3_18.js';
import { v4_0 } from './eras/v4_0.js';
import { v4_0_pre_2a23c6b8a9c4 } from './eras/v4_0_pre_2a23c6b8a9c4.js';
import { v4_3 } from './eras/v4_3.js';
import { v4_3_pre_c5c46f59e4e7 } from './eras/v4_3_pre_c5c46f59e4e7.js';
import { v4_4 } from './eras/v4_4.js';
import { v4_4_ptregs_rfc } from './eras/v4_4_ptregs_rfc.js';
import { v4_4_status_flag } from './eras/v4_4_status_flag.js';
import { v4_5 } from './eras/v4_5.js';
import { v4_6 } from './eras/v4_6.js';
import { v4_6_pre_302f5b260c32 } from './eras/v4_6_pre_302f5b260c32.js';
import { v4_8 } from './eras/v4_8.js';
import { v5_11 } from './eras/v5_11.js';
import { v5_11_pre_41c1a06d1d15 } from './eras/v5_11_pre_41c1a06d1d15.js';
import { v5_11_rc1 } from './eras/v5_11_rc1.js';
import { v6_14 } from './eras/v6_14.js';
import { v6_17 } from './eras/v6_17.js';
import { v6_18 } from './eras/v6_18.js';
import { v6_19 } from './eras/v6_19.js';
import { v7_0 } from './eras/v7_0.js';
import { v7_1 } from './eras/v7_1.js';
import type { Kernel } from './kernel.js';
import { KERNEL_IDS, type KernelId } from './kernelId.js';
import type { KernelSpec } from './spec.js';

/** Every built-in kernel's spec; a missing id does not compile. */
export const KERNEL_SPECS: Record<KernelId, KernelSpec> = {
  'v3.6': v3_6,
  'v3.13': v3_13,
  'v3.13-viro': v3_13_viro,
  'v3.14': v3_14,
  'v3.16': v3_16,
  'v3.18': v3_18,
  'v4.0-pre-2a23c6b8a9c4': v4_0_pre_2a23c6b8a9c4,
  'v4.0': v4_0,
  'v4.3-pre-c5c46f59e4e7': v4_3_pre_c5c46f59e4e7,
  'v4.3': v4_3,
  'v4.4': v4_4,
  'v4.4-ptregs-rfc': v4_4_ptregs_rfc,
  'v4.4-status-flag': v4_4_status_flag,
  'v4.5': v4_5,
  'v4.6-pre-302f5b260c32': v4_6_pre_302f5b260c32,
  'v4.6': v4_6,
  'v4.8': v4_8,
  'v5.11-rc1': v5_11_rc1,
  'v5.11-pre-41c1a06d1d15': v5_11_pre_41c1a06d1d15,
  'v5.11': v5_11,
  'v6.14': v6_14,
  'v6.17': v6_17,
  'v6.18': v6_18,
  'v6.19': v6_19,
  'v7.0': v7_0,
  'v7.1': v7_1,
};

const built = new Map<KernelId, Kernel>();

/** The built kernel for an id (built once; kernels are immutable). */
export function getKernel(id: KernelId): Kernel {
  const cached = built.get(id);
  if (cached !== undefined) return cached;
  const spec = KERNEL_SPECS[id];
  const k = unwrap(
    spec.kind === 'base' ? buildBase(spec) : buildVariant(spec, getKernel(spec.parent)),
    `kernel ${id}`,
  );
  built.set(id, k);
  return k;
}

export function allKernels(): Kernel[] {
  return KERNEL_IDS.map(getKernel);
}
