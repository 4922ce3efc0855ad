import { PROPERTIES } from '../../properties/registry.js';
import type { CheckResult } from '../check/result.js';
import { kernelSubject, type Subject } from '../check/subject.js';
import { DEFAULT_OPTIONS, type VerifyOptions, verifyContext } from '../check/verify.js';
import { unwrap } from '../flags/errors.js';
import type { KernelId } from '../kernels/kernelId.js';
import { getKernel } from '../kernels/registry.js';
import { makeContext } from '../model/context.js';

/** verify for a built-in kernel, as the CLI runs it by default; memoized within one test file. */
const cache = new Map<string, { subject: Subject; results: CheckResult[] }>();

export function verifyKernel(
  id: KernelId,
  options: VerifyOptions = DEFAULT_OPTIONS,
): { subject: Subject; results: CheckResult[] } {
  const key = `${id}:${JSON.stringify(options)}`;
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  const subject = unwrap(kernelSubject(getKernel(id)), id);
  const results = verifyContext(makeContext(subject.input), Object.values(PROPERTIES), options);
  const out = { subject, results };
  cache.set(key, out);
  return out;
}
