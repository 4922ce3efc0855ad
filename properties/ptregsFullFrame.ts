import { definePathProperty } from '../src/check/property.js';
import { fromSeed } from '../src/kernels/cite.js';

/**
 * The syscalls that read or write all of pt_regs (clone/fork/vfork copy it to the child,
 * rt_sigreturn restores it) must find the extra registers saved, however they were reached: by the
 * fast path's stub, or through tracesys. iopl of 3.x needs only the fixed-up flags.
 */
export const ptregsFullFrame = definePathProperty({
  id: 'ptregs-full-frame',
  statement:
    'A syscall that needs full pt_regs always runs with the extra registers saved, whichever path it came from.',
  cite: fromSeed(
    '002_de78b7bca3d06c99.txt: "A small handful require full pt_regs"; the 3.x stubs save the rest themselves',
  ),
  appliesTo: (m) => m.wholeSyscall,
  onStep(_ctx, _before, b) {
    for (const c of b.calls) {
      if (c.needs === 'full' && !(c.fullFrame && c.topOfStack))
        return `${c.fn} ran ${c.fullFrame ? 'without FIXUP_TOP_OF_STACK' : 'with a partial frame (the extra registers not saved)'}`;
      if (c.needs === 'top-of-stack' && !c.topOfStack) return `${c.fn} ran without FIXUP_TOP_OF_STACK`;
    }
    return undefined;
  },
});
