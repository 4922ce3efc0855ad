import { expectedSyscallViolations } from './testing/expectedSyscallVerdicts.js';
import { describeAgreement } from './testing/mutantAgreement.js';

/**
 * Self-validation on the C era: the whole syscall of v4.6 (the entry test with ALLWORK, the C slow
 * path do_syscall_64 with its two phases, stub_ptregs_64, both returns, the C exit loop)
 * under every single-flag edit of _TIF_WORK_SYSCALL_ENTRY, _TIF_ALLWORK_MASK,
 * SYSCALL_EXIT_WORK_FLAGS and EXIT_TO_USERMODE_LOOP_FLAGS: fast-check, the exhaustive search and
 * the verdicts worked out without the model (testing/expectedSyscallVerdicts.ts) must agree. v4.6
 * already breaks two-phase-equivalent, so nearly every mutant "breaks something"; the agreement is
 * per property.
 */
describeAgreement('v4.6', 92, ['syscall'], expectedSyscallViolations);
