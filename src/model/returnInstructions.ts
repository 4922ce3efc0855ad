import { R11_OTHER, RCX_OTHER, RF, ripInUserHalf, ripOf, TF, USER32_SEGS } from './registers.js';

/**
 * The two ways back to user mode, as functions of the register facts (kernel-facts.md §6; the
 * instructions as the Intel SDM describes them).
 *
 * IRET restores RIP, CS, RFLAGS, RSP and SS from the frame, and the general registers come from
 * pt_regs: it is the reference. A non-canonical RIP makes IRET fault, and the kernel turns that
 * fault into a signal for the task: user context, no harm to the kernel.
 *
 * SYSRET loads RIP from RCX and RFLAGS from R11 (clearing RF), and CS/SS from fixed 64-bit user
 * selectors. On Intel CPUs a non-canonical RCX makes SYSRET fault in ring 0, on the user's stack
 * (CVE-2014-4699). With TF set, the single-step trap comes right after SYSRET, before the
 * instruction at RIP runs; IRET runs that instruction first.
 *
 * Where RCX comes from: the 3.x sysret_check and the 4.x fast path load it from the saved RIP
 * (`rip`), so the saved RCX is lost; the 4.x fast path also loads R11 from the saved RFLAGS
 * (`rip-eflags`: 4.3's to 4.8's entry_64.S), so a syscall that changed only the saved flags (iopl)
 * gets them back; an opportunistic SYSRET restores both from the frame (`frame`) once it has
 * checked they are equal.
 */
export type RcxFrom = 'rip' | 'rip-eflags' | 'frame';

export interface SysretOutcome {
  /** SYSRET faults in the kernel. */
  readonly fault?: string;
  /** The first thing user mode sees differently from IRET. */
  readonly differs?: string;
}

export function sysretAgainstIret(facts: number, rcxFrom: RcxFrom): SysretOutcome {
  const rcxIsRip = (facts & RCX_OTHER) === 0;
  // With RCX != RIP the abstraction keeps RCX in the user half (SYSCALL put a user address there).
  const target = rcxFrom !== 'frame' || rcxIsRip ? ripOf(facts) : 'user';
  if (target === 'non-canonical')
    return {
      fault:
        "SYSRET to a non-canonical RIP: #GP in ring 0 on the user's RSP (Intel; CVE-2014-4699); IRET would fault in the task's context",
    };
  if (!rcxIsRip)
    return {
      differs:
        rcxFrom === 'rip'
          ? 'RCX is set to RIP: the saved RCX, which IRET restores, is lost'
          : 'user mode resumes at the saved RCX, not at the saved RIP where IRET resumes',
    };
  if ((facts & R11_OTHER) !== 0 && rcxFrom !== 'rip-eflags')
    return { differs: 'RFLAGS comes from R11, which differs from the saved RFLAGS that IRET restores' };
  if ((facts & USER32_SEGS) !== 0)
    return {
      differs: 'CS/SS become the 64-bit user selectors, not the saved __USER32_CS that IRET restores',
    };
  if ((facts & TF) !== 0)
    return {
      differs: '#DB right after SYSRET, before the instruction at RIP runs; IRET runs that instruction first',
    };
  if ((facts & RF) !== 0)
    return { differs: 'RF is not restored: an instruction breakpoint at RIP fires again' };
  // A kernel-half RIP with user CS: the fetch faults in user mode whichever instruction returned.
  return {};
}

/**
 * SYSRETL, the compat return (sysret32_from_system_call, 4.4 and later): it loads ECX from the
 * saved RIP and R11 from the saved RFLAGS, so user mode resumes at RIP with those flags (RF
 * cleared), and CS/SS become __USER32_CS/__USER_DS whatever the frame holds. What is lost is ECX:
 * it holds RIP instead of the saved ECX. At the landing pad that is invisible, because the vDSO's
 * code there reloads ECX from the user stack (seed 001: SYSENTER and SYSCALL32 are defined as
 * "ECX = *ESP", "IP = INT80 landing pad"); anywhere else the code at RIP sees the wrong ECX. ECX is
 * 32 bits wide, so SYSRETL cannot fault on a non-canonical RIP: it goes to the low half instead.
 */
export function sysretlAgainstIret(facts: number): SysretOutcome {
  if ((facts & USER32_SEGS) === 0)
    return {
      differs: 'CS/SS become __USER32_CS/__USER_DS, not the 64-bit selectors in the frame that IRET restores',
    };
  const rip = ripOf(facts);
  if (rip === 'non-canonical' || rip === 'kernel-half')
    return {
      differs: `user mode resumes at the low 32 bits of a ${rip} RIP; IRET would fault in the task's context`,
    };
  if (rip === 'user')
    return {
      differs:
        'ECX holds RIP, not the saved ECX that IRET restores, and the code at RIP is not the landing pad that reloads ECX',
    };
  if ((facts & TF) !== 0)
    return {
      differs:
        '#DB right after SYSRETL, before the instruction at RIP runs; IRET runs that instruction first',
    };
  if ((facts & RF) !== 0)
    return { differs: 'RF is not restored: an instruction breakpoint at RIP fires again' };
  return {};
}

/** One test of an opportunistic SYSRET, as the asm names it. */
export interface SysretCheck {
  readonly test: string;
  passes(facts: number): boolean;
}

const rcxIsRip: SysretCheck = { test: 'RCX == RIP', passes: (f) => (f & RCX_OTHER) === 0 };
const cs: SysretCheck = {
  test: 'CS == __USER_CS and SS == __USER_DS',
  passes: (f) => (f & USER32_SEGS) === 0,
};
const r11: SysretCheck = { test: 'R11 == RFLAGS', passes: (f) => (f & R11_OTHER) === 0 };

const userHalf: SysretCheck = { test: 'RCX >> 47 == 0 (user half)', passes: ripInUserHalf };

/**
 * 2a23c6b8a9c4, the commit that brought opportunistic SYSRET (merged for 4.0), at retint_swapgs:
 * the user half, and RF but not TF (its entry_64.S, read in torvalds/linux at that commit).
 */
export const CHECKS_4_0_RF: readonly SysretCheck[] = [
  rcxIsRip,
  userHalf,
  cs,
  r11,
  { test: 'RF clear', passes: (f) => (f & RF) === 0 },
];

/** Released 4.0, at retint_swapgs: the same tests with TF beside RF (4.0's entry_64.S). */
export const CHECKS_4_0: readonly SysretCheck[] = [
  rcxIsRip,
  userHalf,
  cs,
  r11,
  { test: 'RF and TF clear', passes: (f) => (f & (RF | TF)) === 0 },
];

/** v4.4/v4.5, at the end of int_ret_from_sys_call: canonical by sign extension, RF and TF. */
export const CHECKS_4_4: readonly SysretCheck[] = [
  rcxIsRip,
  { test: 'RCX canonical (sign-extended from bit 47)', passes: (f) => ripOf(f) !== 'non-canonical' },
  cs,
  r11,
  { test: 'RF and TF clear', passes: (f) => (f & (RF | TF)) === 0 },
];

/**
 * 6.7+ (ca282b486a57 moved the tests into do_syscall_64, 58978b44df72 replaced the sign extension
 * by RIP < TASK_SIZE_MAX; both read in torvalds/linux at those commits, and in 6.14's
 * arch/x86/entry/common.c): the user half only, so a kernel-half RIP now goes out by IRET too.
 */
export const CHECKS_C: readonly SysretCheck[] = [
  { test: 'RCX == RIP and R11 == RFLAGS', passes: (f) => (f & (RCX_OTHER | R11_OTHER)) === 0 },
  cs,
  { test: 'RIP < TASK_SIZE_MAX', passes: ripInUserHalf },
  { test: 'RF and TF clear', passes: (f) => (f & (RF | TF)) === 0 },
];

/**
 * do_fast_syscall_32's tests for SYSRETL (4.4 and generic entry alike; read in the 4.4-era common.c
 * and the 5.x one): RCX == RIP is not among them, as the landing-pad fixup makes ECX differ from
 * RIP on every fast syscall. A later rewrite (Brian Gerst's, read as a patch) splits them into
 * separate ifs and adds a VM test, which no fact here stands for: a 64-bit kernel runs no vm86.
 */
export const CHECKS_COMPAT: readonly SysretCheck[] = [
  { test: 'CS == __USER32_CS and SS == __USER_DS', passes: (f) => (f & USER32_SEGS) !== 0 },
  { test: 'IP == landing_pad', passes: (f) => ripOf(f) === 'landing-pad' },
  { test: 'RF and TF clear', passes: (f) => (f & (RF | TF)) === 0 },
];

/** The first test these facts fail, or undefined when SYSRET is allowed. */
export function failedCheck(checks: readonly SysretCheck[], facts: number): string | undefined {
  return checks.find((c) => !c.passes(facts))?.test;
}
