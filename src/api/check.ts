import { domainOf } from '../check/domain.js';
import { evaluateRun } from '../check/evaluate.js';
import { eventIds, machineOf, parseEventList, parseFlagList, parseRoot } from '../check/explain.js';
import { DEFAULT_RUNS, DEFAULT_SEED } from '../check/settings.js';
import {
  checkUserProperties,
  type UserProperty,
  type UserPropertySpec,
  type UserResult,
  userProperty,
} from '../check/userProperty.js';
import type { VerifyOptions } from '../check/verify.js';
import { err, inputError } from '../flags/errors.js';
import { isPathId, type PathId } from '../kernels/pathId.js';
import { makeContext } from '../model/context.js';
import { type Run, run, type ScheduledEvent } from '../model/run.js';
import { orThrow } from './error.js';
import type { Model } from './load.js';

/** A property of your own: checked like the built-in ones, under your id. Throws on a bad spec. */
export function defineProperty(spec: UserPropertySpec): UserProperty {
  return orThrow(userProperty(spec));
}

export interface CheckOptions {
  /** Only these paths (default: every path the model has). */
  readonly paths?: readonly string[];
  /** `auto` (default): exhaustive where the search space is small enough, else fast-check. */
  readonly method?: 'auto' | 'exhaustive' | 'fast-check';
  readonly seed?: number;
  /** fast-check runs per path. */
  readonly runs?: number;
  /** `none`: initial flags only, no interrupt or tracer action. */
  readonly events?: 'none';
}

/**
 * Properties checked on every path of the model that they apply to: one result per property and
 * path, a violated one with its minimal counterexample (exhaustive) or shrunk one (fast-check).
 */
export function check(
  model: Model,
  properties: UserProperty | readonly UserProperty[],
  options: CheckOptions = {},
): UserResult[] {
  const props = Array.isArray(properties) ? properties : [properties as UserProperty];
  const paths = (options.paths ?? []).map(pathOf);
  const verify: VerifyOptions = {
    method: options.method ?? 'auto',
    runs: options.runs ?? DEFAULT_RUNS,
    seed: options.seed ?? DEFAULT_SEED,
    raw: false,
    ...(paths.length === 0 ? {} : { paths }),
    ...(options.events === 'none' ? { events: 'none' as const } : {}),
  };
  return checkUserProperties(makeContext(model.input), props, verify);
}

function pathOf(text: string): PathId {
  if (!isPathId(text)) return orThrow(err(inputError('unknown-path', `unknown path ${text}`)));
  return text;
}

/** The path's machine and context, as explain finds them (an unmodelled path is an error). */
function pathOfModel(model: Model, path: string) {
  const p = pathOf(path);
  return { machine: orThrow(machineOf(model, p)), ctx: makeContext(model.input, p) };
}

/** The flags a search of this path starts from (its domain), by name: what to draw inputs from. */
export function flagsOf(model: Model, path: string): string[] {
  const { machine, ctx } = pathOfModel(model, path);
  return domainOf(ctx, machine, false).bits.map((b) => ctx.fmt(b));
}

/** The events (an interrupt setting a flag, a tracer's action) a run of this path may schedule. */
export function eventsOf(model: Model, path: string): string[] {
  return [...eventIds(pathOfModel(model, path).ctx)];
}

/** One run's input: the flags pending at the start, events by step, and for a whole syscall which. */
export interface RunInput {
  readonly flags: readonly string[];
  readonly events?: readonly ScheduledEvent[];
  /** A whole syscall's kind (`ordinary` by default; tifcheck explain --help lists them). */
  readonly syscall?: string;
}

/** The path run from an input, read as `tifcheck explain` reads its --flags, --events and --syscall. */
export function runPath(model: Model, path: string, input: RunInput): Run {
  const { machine, ctx } = pathOfModel(model, path);
  const flags = orThrow(parseFlagList(ctx, input.flags.join(','), 'flags'));
  const events = (input.events ?? []).map((e) => `${e.id}@${e.at}`).join(',');
  const schedule = orThrow(parseEventList(ctx, events, 'events'));
  return run(machine, ctx, orThrow(parseRoot(machine, flags, input.syscall, undefined)), schedule);
}

/** The property's verdict on a run of `path`: the violation message, or undefined if it holds. */
export function violation(model: Model, property: UserProperty, path: string, r: Run): string | undefined {
  return evaluateRun(property.path, pathOfModel(model, path).ctx, r)?.message;
}
