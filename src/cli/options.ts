import { PROPERTY_IDS, type PropertyId } from '../check/propertyId.js';
import { isSeverity, type Severity } from '../check/severity.js';
import { eraOf } from '../check/treeSubject.js';
import { err, inputError, ok, type Result } from '../flags/errors.js';
import { didYouMean } from '../flags/names.js';
import { isKernelId, KERNEL_IDS, type KernelId, RENAMED_KERNEL_IDS } from '../kernels/kernelId.js';
import { PATH_IDS, type PathId } from '../kernels/pathId.js';
import { RELEASE_ALIAS_NAMES, releaseAlias } from '../kernels/releaseAliases.js';

/** Checks on single option values, each failing with one line that names the argument. */
const bad = (argument: string, message: string) =>
  err(inputError('bad-argument', message, { kind: 'argument', argument }));

export function positiveInt(name: string, text: string | undefined, fallback: number): Result<number> {
  if (text === undefined) return ok(fallback);
  if (!/^[1-9][0-9]{0,8}$/.test(text)) return bad(`${name} ${text}`, `${name} takes a positive whole number`);
  return ok(Number(text));
}

export function integer(name: string, text: string | undefined, fallback: number): Result<number> {
  if (text === undefined) return ok(fallback);
  if (!/^-?[0-9]{1,10}$/.test(text) || Math.abs(Number(text)) > 0x7fffffff)
    return bad(`${name} ${text}`, `${name} takes a 32-bit whole number`);
  return ok(Number(text));
}

/** A repeated option naming ids of one closed set; undefined when the option was not given. */
function ids<T extends string>(
  option: string,
  noun: string,
  code: 'unknown-property' | 'unknown-path',
  known: readonly T[],
  texts: readonly string[],
): Result<T[] | undefined> {
  if (texts.length === 0) return ok(undefined);
  const isKnown = (t: string): t is T => (known as readonly string[]).includes(t);
  const out: T[] = [];
  for (const t of texts) {
    if (!isKnown(t)) {
      const hint = didYouMean(known, t) ?? `known: ${known.join(' ')}`;
      return err(
        inputError(code, `unknown ${noun} ${t}; ${hint}`, { kind: 'argument', argument: `${option} ${t}` }),
      );
    }
    out.push(t);
  }
  return ok(out);
}

export const propertyIds = (texts: readonly string[]): Result<PropertyId[] | undefined> =>
  ids('--property', 'property', 'unknown-property', PROPERTY_IDS, texts);

export const pathIds = (texts: readonly string[]): Result<PathId[] | undefined> =>
  ids('--path', 'path', 'unknown-path', PATH_IDS, texts);

/**
 * A release that is not modelled (`v6.8`): the modelled releases around it, and the way to check
 * it anyway, rather than a near spelling (`v4.8`) that has nothing to do with it. Only a release
 * whose own tree the model was read in resolves (kernels/releaseAliases.ts).
 */
function releaseHint(text: string): string | undefined {
  const m = /^v(\d+)\.(\d+)(\.\d+)?$/.exec(text);
  if (m === null) return undefined;
  const version = { major: Number(m[1]), minor: Number(m[2]), sub: 0, extra: '' };
  const below = eraOf(version);
  const key = version.major * 1000 + version.minor;
  const above = KERNEL_IDS.find((id) => {
    const r = /^v(\d+)\.(\d+)$/.exec(id);
    return r !== null && Number(r[1]) * 1000 + Number(r[2]) > key;
  });
  const around = [below, above].filter((x) => x !== undefined).join(', ');
  const read = RELEASE_ALIAS_NAMES.filter((n) => n.startsWith(`v${m[1]}.${m[2]}.`));
  const also = read.length === 0 ? '' : `; read: ${read.join(' ')}`;
  const tree = below === undefined ? 'older than every modelled release' : 'check its tree with --tree DIR';
  return `${text} is not modelled${around === '' ? '' : ` (nearest: ${around}${also})`}; ${tree}`;
}

/**
 * A kernel named on the command line, and, when the name was a release that resolved to it, the
 * note every output carries about that (kernels/releaseAliases.ts).
 */
export function kernelChoice(option: string, text: string): Result<{ id: KernelId; note?: string }> {
  const id = kernelId(option, text);
  if (!id.ok) return id;
  const alias = releaseAlias(text);
  return ok(alias === undefined ? { id: id.value } : { id: id.value, note: alias.note });
}

export function kernelId(option: string, text: string): Result<KernelId> {
  if (isKernelId(text)) return ok(text);
  const alias = releaseAlias(text);
  if (alias !== undefined) return ok(alias.era);
  const renamed = RENAMED_KERNEL_IDS[text];
  const release = releaseHint(text);
  const hint = didYouMean(KERNEL_IDS, text) ?? `known: ${KERNEL_IDS.join(' ')}`;
  return err(
    inputError('unknown-kernel', renamed ?? release ?? `unknown kernel ${text}; ${hint}`, {
      kind: 'argument',
      argument: `${option} ${text}`,
    }),
  );
}

/**
 * `summary` (no --format): the verdict table and a paragraph per violation; `text`: each
 * counterexample in full as plain text for a mailing-list reply; `md`, `json`: the reports; `tap`,
 * `junit`: one result per property and path for a CI system (verify only).
 */
export type Format = 'summary' | 'text' | 'md' | 'json' | 'tap' | 'junit';

export function format(text: string | undefined, json: boolean): Result<Format> {
  if (json && text !== undefined && text !== 'json')
    return bad(`--format ${text}`, '--json and --format disagree');
  if (json) return ok('json');
  if (text === undefined) return ok('summary');
  if (text === 'text' || text === 'md' || text === 'json' || text === 'tap' || text === 'junit')
    return ok(text);
  return bad(`--format ${text}`, '--format is text, md, json, tap or junit');
}

/** `--fail-on bug|divergence|lint` (by default bug): the least serious class that fails the run. */
export function failOn(text: string | undefined): Result<Severity> {
  if (text === undefined) return ok('bug');
  if (isSeverity(text)) return ok(text);
  return bad(`--fail-on ${text}`, '--fail-on takes bug, divergence or lint');
}

/** `--events all|none` (by default all): none searches initial inputs only (VerifyOptions.events). */
export function eventsOption(text: string | undefined): Result<'all' | 'none'> {
  if (text === undefined || text === 'all' || text === 'none') return ok(text ?? 'all');
  return bad(`--events ${text}`, '--events takes all or none');
}
