import { describeAgreement } from './testing/mutantAgreement.js';

/**
 * Self-validation: fast-check at its default runs and the exhaustive search give the same verdicts
 * on every single-flag mask edit of v3.18's exit paths. A disagreement is a fuzzer miss (or an engine
 * bug) to fix, never to filter.
 */
describeAgreement('v3.18', 96);
