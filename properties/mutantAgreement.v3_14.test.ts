import { expectedExitViolations } from './testing/expectedExitVerdicts.js';
import { describeAgreement, EXIT_PATHS } from './testing/mutantAgreement.js';

/**
 * Self-validation: fast-check at its default runs, the exhaustive search and the verdicts worked
 * out from the flags' roles and the shape of each loop (testing/expectedExitVerdicts.ts) agree on
 * every single-flag mask edit of v3.14's exit paths. A disagreement is a fuzzer miss, an engine bug
 * or a model (or rule) that is wrong about the kernel: to fix, never to filter.
 */
describeAgreement('v3.14', 92, EXIT_PATHS, expectedExitViolations);
