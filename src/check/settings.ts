/** Check settings: bounds, runs, seeds. Kept apart from the model and from expected results. */
export const DEFAULT_RUNS = 100;
export const DEFAULT_SEED = 20140127;
/** Domains up to this many bits are searched exhaustively by default (2^18 initial sets). */
export const EXHAUSTIVE_MAX_BITS = 18;
