import type { PathId } from '../kernels/pathId.js';
import type { ModelInput } from '../model/context.js';
import type { Property } from './property.js';
import type { CheckResult } from './result.js';
import type { VerifyOptions } from './verify.js';

/**
 * One path of one subject to verify: the unit of work that independent workers share. Everything
 * in it is plain data but the properties, which a runner that sends jobs elsewhere names by id.
 */
export interface PathJob {
  readonly input: ModelInput;
  readonly path: PathId;
  readonly properties: readonly Property[];
  readonly options: VerifyOptions;
}

/**
 * Runs path jobs and returns their results in job order, whatever order they finish in, so the
 * output is the same however many workers ran them. `done` is told of each job as it finishes.
 */
export interface JobRunner {
  run(jobs: readonly PathJob[], done?: (index: number, results: CheckResult[]) => void): CheckResult[][];
}
