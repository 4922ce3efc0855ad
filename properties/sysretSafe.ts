import { definePathProperty } from '../src/check/property.js';
import { readIn } from '../src/kernels/cite.js';
import { describeFacts, factsOf, isKnown } from '../src/model/registers.js';
import { sysretAgainstIret, sysretlAgainstIret } from '../src/model/returnInstructions.js';

/**
 * SYSRET is the fast way back, and safe only where it restores what IRET would: every return by
 * SYSRET is compared with IRET on the register facts as they are when it executes
 * (src/model/returnInstructions.ts). A SYSRET that faults in ring 0 is CVE-2014-4699; one that
 * resumes elsewhere, with other flags or selectors, or traps at another point, is a silent change
 * of what user mode sees.
 */
export const sysretSafe = definePathProperty({
  id: 'sysret-safe',
  statement:
    'SYSRET/SYSEXIT is chosen only when it restores exactly what IRET would (RCX/R11 match RIP/RFLAGS, user CS/SS, canonical RIP, no TF/RF trouble).',
  cite: readIn(
    'arch/x86/kernel/entry_64.S and arch/x86/entry/common.c: opportunistic SYSRET (2a23c6b8a9c4 tests RF; released 4.0 and 4.4 test RF and TF), CVE-2014-4699 and b9cd18de4db3; seed 001',
  ),
  // With FRED every return is ERETU (entry_fred.c drops do_syscall_64's answer): nothing to check.
  appliesTo: (_machine, ctx) => ctx.input.behaviour.fred !== 'on',
  onReturn(_ctx, r) {
    if (r.via === 'IRET' || r.via === 'ERETU') return undefined;
    const regs = r.state.regs;
    // Every return point reads pt_regs before a SYSRET (handlers/returnDecision.ts).
    if (!isKnown(regs)) return `${r.via} at ${r.at} with pt_regs never read: a model error`;
    const o =
      r.via === 'SYSRETL'
        ? sysretlAgainstIret(factsOf(regs))
        : sysretAgainstIret(
            factsOf(regs),
            r.checked === true ? 'frame' : r.r11FromFlags === true ? 'rip-eflags' : 'rip',
          );
    const problem = o.fault ?? o.differs;
    return problem === undefined
      ? undefined
      : `${r.via} at ${r.at} with ${describeFacts(factsOf(regs))}: ${problem}`;
  },
});
