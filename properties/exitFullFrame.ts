import { definePathProperty } from '../src/check/property.js';
import { readIn } from '../src/kernels/cite.js';

/**
 * C code that takes pt_regs reads and writes all of it; SYSRET restores only RCX/R11-derived state,
 * so once pt_regs may have changed only IRET returns what the C code left there.
 */
export const exitFullFrame = definePathProperty({
  id: 'exit-full-frame',
  statement:
    'Every C function that takes pt_regs (do_notify_resume, syscall_trace_leave, the ptregs syscalls) is called with a full frame and a fixed-up top of stack, and SYSRET is never used after pt_regs may have been changed.',
  cite: readIn(
    'entry_64.S SAVE_REST/FIXUP_TOP_OF_STACK before the C calls, and the rule of the 3.x entry code that a return after anything that may change pt_regs takes IRET',
  ),
  appliesTo: () => true,
  onStep(_ctx, _before, b) {
    for (const c of b.calls)
      if (c.takesRegs && (!c.fullFrame || !c.topOfStack))
        return `${c.fn}(regs) called ${c.fullFrame ? 'without FIXUP_TOP_OF_STACK' : 'with a partial frame (no SAVE_REST)'}`;
    return undefined;
  },
  // An opportunistic SYSRET checked the registers first: whether that check suffices is sysret-safe's.
  onReturn(_ctx, r) {
    return r.via === 'SYSRET' && r.checked !== true && r.state.regsChanged
      ? `SYSRET at ${r.at} after pt_regs may have been changed`
      : undefined;
  },
});
