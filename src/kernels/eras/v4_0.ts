import { asm3xBehaviour } from '../behaviour/asm3x.js';
import { entry3xTwoPhase } from '../behaviour/entry.js';
import { readAt } from '../cite.js';
import type { BaseSpec } from '../spec.js';
import { asmMasks } from './asmMasks.js';
import { V3_16_BITS } from './v3_16.js';

/**
 * v4.0 (AlecJY/linux-4.0, the release): opportunistic SYSRET at retint_swapgs with RF and TF tested
 * (2a23c6b8a9c4 tested RF alone); the syscall fast path's exit rewritten (one IRQs-off test of
 * _TIF_ALLWORK_MASK, any work to int_ret_from_sys_call_irqs_off; the sysret_* labels gone); an
 * int3, #DB or #MC from user mode leaves through error_exit; and TIF_MCE_NOTIFY gone: a machine
 * check calls memory_failure itself, so DO_NOTIFY and do_notify_resume lose MCE.
 */
const { MCE_NOTIFY: _mce, ...kept } = V3_16_BITS;
export const V4_0_BITS = kept;

export const v4_0: BaseSpec = {
  kind: 'base',
  id: 'v4.0',
  title: 'opportunistic SYSRET at retint_swapgs, RF and TF tested; no MCE_NOTIFY',
  flags: {
    bits: V4_0_BITS,
    cite: readAt(
      'linux-4.0',
      'arch/x86/include/asm/thread_info.h',
      'the TIF_* bit numbers (no TIF_MCE_NOTIFY)',
    ),
  },
  masks: asmMasks('linux-4.0', { nohz: true, uprobeInDoNotify: true, mce: false }),
  behaviour: asm3xBehaviour({
    tree: 'linux-4.0',
    uprobeClear: 'callee',
    denySignalSets: ['UPROBE'],
    mce: false,
    ptraceStopHook: true,
    paranoidFromUser: 'error_exit',
    opportunisticSysret: 'retint-4.0',
    syscallFastExit: 'iret-path',
    entry: entry3xTwoPhase('linux-4.0'),
  }),
};
