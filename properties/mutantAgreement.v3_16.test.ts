import { expectedExitViolations } from './testing/expectedExitVerdicts.js';
import { describeAgreement, EXIT_PATHS } from './testing/mutantAgreement.js';

/**
 * Self-validation: fast-check at its default runs, the exhaustive search and the verdicts worked
 * out from the flags' roles and the shape of each loop (testing/expectedExitVerdicts.ts) agree on
 * every single-flag mask edit of v3.16's exit paths (3.13's masks and loops, with the ptrace-stop
 * hook of the CVE-2014-4699 fix; POLLING_NRFLAG, back at bit 21, adds
 * four mutants). A disagreement is a fuzzer miss, an engine bug or a model (or
 * rule) that is wrong about the kernel: to fix, never to filter.
 */
describeAgreement('v3.16', 96, EXIT_PATHS, expectedExitViolations);
