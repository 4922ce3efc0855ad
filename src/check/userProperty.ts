import { err, inputError, ok, type Result, type Where } from '../flags/errors.js';
import { recalled } from '../kernels/cite.js';
import type { ModelContext } from '../model/context.js';
import type { Machine } from '../model/machine.js';
import type { ModelState } from '../model/state.js';
import type { Branch, Returned, Stopped } from '../model/transition.js';
import { definePathProperty, type PathProperty } from './property.js';
import { isPropertyId, type PropertyId } from './propertyId.js';
import type { CheckResult } from './result.js';
import { isSeverity, type Severity } from './severity.js';
import { DEFAULT_OPTIONS, type VerifyOptions, verifyContext } from './verify.js';

/**
 * A property a user writes, over the same runs as the built-in ones: the same predicates (a
 * check on each step, on the return, on a BUG or exit, or "never returns"), judged by the same
 * explorer and fast-check search. Its id is the user's own; it never joins the built-in catalogue.
 */
export interface UserPropertySpec {
  /** Lower case words joined by hyphens, not one of the built-in ids. */
  readonly id: string;
  /** One sentence, in plain words. */
  readonly statement: string;
  /** Where the invariant comes from: a commit, a thread, a file of the kernel. */
  readonly cite: string;
  /** How serious a violation is: `bug`, `divergence` or `lint` (verify's --fail-on). */
  readonly severity: Severity;
  /** Whether it speaks of this path at all; every path when absent. */
  readonly appliesTo?: (machine: Machine, ctx: ModelContext) => boolean;
  readonly onStep?: (ctx: ModelContext, before: ModelState, branch: Branch) => string | undefined;
  readonly onReturn?: (ctx: ModelContext, returned: Returned) => string | undefined;
  readonly onStop?: (ctx: ModelContext, stopped: Stopped) => string | undefined;
  /** A run that never returns breaks it. */
  readonly violatedByNoReturn?: boolean;
}

/** A defined user property: the spec as checked, and the form the explorer runs. */
export interface UserProperty {
  readonly kind: 'user';
  readonly spec: UserPropertySpec;
  /** What the explorer and fast-check judge: the spec's predicates under the user's id. */
  readonly path: PathProperty;
}

/** A user property's verdict on one path. */
export interface UserResult extends Omit<CheckResult, 'property'> {
  readonly property: string;
  readonly severity: Severity;
}

const ID = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

/** The spec checked, or what is wrong with it, naming `where` (a file of --properties, say). */
export function userProperty(spec: unknown, where?: Where): Result<UserProperty> {
  const bad = (message: string) => err(inputError('bad-property', message, where));
  if (typeof spec !== 'object' || spec === null) return bad('a property must be an object');
  const s = spec as Partial<Record<keyof UserPropertySpec, unknown>>;
  if (typeof s.id !== 'string' || !ID.test(s.id) || s.id.length > 64)
    return bad(`property id ${JSON.stringify(s.id)} must be lower-case words joined by hyphens`);
  const id = s.id;
  if (isPropertyId(id)) return bad(`property id ${id} is a built-in property; choose your own id`);
  for (const field of ['statement', 'cite'] as const) {
    const v = s[field];
    if (typeof v !== 'string' || v.trim() === '') return bad(`property ${id} needs a ${field} (a sentence)`);
  }
  if (typeof s.severity !== 'string' || !isSeverity(s.severity))
    return bad(`property ${id} needs a severity: bug, divergence or lint`);
  for (const field of ['appliesTo', 'onStep', 'onReturn', 'onStop'] as const) {
    if (s[field] !== undefined && typeof s[field] !== 'function')
      return bad(`property ${id}: ${field} must be a function`);
  }
  if (s.violatedByNoReturn !== undefined && typeof s.violatedByNoReturn !== 'boolean')
    return bad(`property ${id}: violatedByNoReturn must be true or false`);
  const u = spec as UserPropertySpec;
  if (u.onStep === undefined && u.onReturn === undefined && u.onStop === undefined && !u.violatedByNoReturn)
    return bad(`property ${id} judges nothing: give onStep, onReturn, onStop or violatedByNoReturn`);
  // The explorer keys verdicts by id and never looks an id up in the built-in tables, so a user's id
  // rides in the built-in type here and nowhere else (results leave as UserResult). Each predicate
  // is guarded: what it throws or wrongly returns is the user's error, not tifcheck's.
  const applies = u.appliesTo;
  const path: PathProperty = definePathProperty({
    id: id as PropertyId,
    statement: u.statement,
    cite: recalled(u.cite),
    appliesTo:
      applies === undefined ? () => true : (m, c) => guarded(id, 'appliesTo', () => applies(m, c)) === true,
    ...(u.onStep === undefined ? {} : { onStep: verdictOf(id, 'onStep', u.onStep) }),
    ...(u.onReturn === undefined ? {} : { onReturn: verdictOf(id, 'onReturn', u.onReturn) }),
    ...(u.onStop === undefined ? {} : { onStop: verdictOf(id, 'onStop', u.onStop) }),
    ...(u.violatedByNoReturn === true ? { violatedByNoReturn: true } : {}),
  });
  return ok({ kind: 'user', spec: u, path });
}

/** A user's predicate failed: it threw, or returned something other than a message or undefined. */
export class UserPredicateError extends Error {
  constructor(
    readonly property: string,
    readonly predicate: string,
    why: string,
  ) {
    super(`property ${property}: ${predicate} ${why}`);
  }
}

function guarded<T>(id: string, name: string, call: () => T): T {
  try {
    return call();
  } catch (e) {
    if (e instanceof UserPredicateError) throw e;
    const first = (e instanceof Error ? e.message : String(e)).split('\n')[0] ?? '';
    throw new UserPredicateError(id, name, `threw: ${first}`);
  }
}

/** A predicate that must answer a message (violated) or undefined (holds). */
function verdictOf<A extends unknown[]>(
  id: string,
  name: string,
  f: (...args: A) => string | undefined,
): (...args: A) => string | undefined {
  return (...args) => {
    const v: unknown = guarded(id, name, () => f(...args));
    if (v === undefined || typeof v === 'string') return v;
    throw new UserPredicateError(id, name, `returned ${typeof v}; it returns a message or undefined`);
  };
}

/**
 * Whether a value is a defined user property, from any copy of this module (checked by shape): a
 * module may have been built against another copy of tifcheck, so its spec is checked again.
 */
export function isUserProperty(x: unknown): x is UserProperty {
  if (typeof x !== 'object' || x === null) return false;
  const u = x as Partial<UserProperty>;
  return u.kind === 'user' && typeof u.spec === 'object' && u.spec !== null;
}

/**
 * User properties checked on every path of a subject (as `verify` checks the built-in ones),
 * in the order given, each path's results in the subject's path order.
 */
export function checkUserProperties(
  ctx: ModelContext,
  props: readonly UserProperty[],
  options: VerifyOptions = DEFAULT_OPTIONS,
): UserResult[] {
  const byId = new Map(props.map((p) => [p.spec.id, p]));
  return verifyContext(
    ctx,
    props.map((p) => p.path),
    options,
  ).map((r) => {
    const p = byId.get(r.property);
    if (p === undefined) throw new Error(`a result for ${r.property}, which was not asked for`);
    return { ...r, property: p.spec.id, severity: p.spec.severity };
  });
}
