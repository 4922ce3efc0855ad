import type { MessagePort } from 'node:worker_threads';
import type { PropertyId } from '../../check/propertyId.js';
import type { CheckResult } from '../../check/result.js';
import type { VerifyOptions } from '../../check/verify.js';
import type { PathId } from '../../kernels/pathId.js';
import type { ModelInput } from '../../model/context.js';

/** A path job as it crosses to a worker: its properties by id. */
export interface JobMessage {
  readonly index: number;
  readonly input: ModelInput;
  readonly path: PathId;
  readonly properties: readonly PropertyId[];
  readonly options: VerifyOptions;
}

/** What a worker sends back for a job. */
export type ResultMessage =
  | { readonly index: number; readonly results: CheckResult[] }
  | { readonly index: number; readonly error: string };

/** What a worker is started with: its end of the channel and the counter it bumps after a reply. */
export interface WorkerData {
  readonly port: MessagePort;
  readonly replies: SharedArrayBuffer;
}
