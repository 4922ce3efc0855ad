import fc from 'fast-check';

/**
 * Every property in the suite runs from one fixed seed, so a run is reproducible; set
 * TIFCHECK_SEED to explore others. fast-check prints the seed and path of any failure.
 */
export const TEST_SEED = Number(process.env.TIFCHECK_SEED ?? 20140127);

fc.configureGlobal({ seed: TEST_SEED, numRuns: 200 });
