import { availableParallelism } from 'node:os';
import type { JobRunner } from '../check/pathJobs.js';
import { IN_PROCESS } from '../check/verify.js';
import { err, inputError, ok, type Result } from '../flags/errors.js';
import { positiveInt } from './options.js';
import { workerRunner } from './workers/workerPool.js';

/** More threads than this would only cost memory: a command has at most a few dozen paths. */
const MAX_JOBS = 64;

/**
 * `--jobs N`: how many threads verify the paths (by default one per core). The results, and so
 * every byte of the output, are the same for any N.
 */
export function jobsRunner(text: string | undefined): Result<JobRunner> {
  const n = positiveInt('--jobs', text, availableParallelism());
  if (!n.ok) return n;
  if (n.value > MAX_JOBS)
    return err(
      inputError('bad-argument', `--jobs takes at most ${MAX_JOBS}`, {
        kind: 'argument',
        argument: `--jobs ${text}`,
      }),
    );
  return ok(workerRunner(n.value) ?? IN_PROCESS);
}
