import { PROPERTIES } from '../../properties/registry.js';
import type { CheckResult } from '../check/result.js';
import { kernelSubject, type Subject } from '../check/subject.js';
import { DEFAULT_OPTIONS, type VerifyOptions, verifyContext } from '../check/verify.js';
import { unwrap } from '../flags/errors.js';
import type { KernelId } from '../kernels/kernelId.js';
import { getKernel } from '../kernels/registry.js';
import { makeContext } from '../model/context.js';
import { MODEL_TWINS } from './modelTwins.js';
import { FULL_TIER } from './tier.js';

/** verify for a built-in kernel, as the CLI runs it by default; memoized within one test worker. */
const cache = new Map<string, { subject: Subject; results: CheckResult[] }>();
const keyOf = (id: KernelId, options: VerifyOptions) => `${id}:${JSON.stringify(options)}`;

/**
 * In the quick tier, a kernel whose model is its twin's (modelTwins.ts) has its twin's verdicts;
 * only where the twin holds everything, so that no counterexample in the twin's bit numbers is
 * passed off as this kernel's.
 */
function fromTwin(id: KernelId, options: VerifyOptions): CheckResult[] | undefined {
  const twin = MODEL_TWINS[id];
  if (FULL_TIER || twin === undefined) return undefined;
  const results = verifyKernel(twin, options).results;
  return results.every((r) => r.verdict === 'holds') ? results : undefined;
}

export function verifyKernel(
  id: KernelId,
  options: VerifyOptions = DEFAULT_OPTIONS,
): { subject: Subject; results: CheckResult[] } {
  const key = keyOf(id, options);
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  const subject = unwrap(kernelSubject(getKernel(id)), id);
  // The global setup's default verification reaches here through the job memo (seedJobMemo.ts).
  const results =
    fromTwin(id, options) ?? verifyContext(makeContext(subject.input), Object.values(PROPERTIES), options);
  const out = { subject, results };
  cache.set(key, out);
  return out;
}
