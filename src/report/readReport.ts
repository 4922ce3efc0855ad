import { err, inputError, ok, type Result, type Where } from '../flags/errors.js';
import { COUNTEREXAMPLE_SCHEMA, type CounterexampleDoc } from './counterexampleDoc.js';
import { jsonSyntaxError } from './jsonSyntax.js';

/**
 * Reads a counterexample JSON file strictly: valid JSON, this schema version, and the fields replay
 * needs with the types it needs. Anything else is one line naming the file (and place).
 */
export function readCounterexampleDoc(text: string, file: string): Result<CounterexampleDoc> {
  const syntax = jsonSyntaxError(text);
  if (syntax !== undefined) {
    return err(
      inputError('bad-report', `not valid JSON: ${syntax.message}`, placeOf(text, syntax.offset, file)),
    );
  }
  const data: unknown = JSON.parse(text);
  const fail = (m: string) => err(inputError('bad-report', m, { kind: 'file', file }));
  if (typeof data !== 'object' || data === null)
    return fail('not a counterexample report (expected an object)');
  const d = data as Record<string, unknown>;
  if (d.schema !== COUNTEREXAMPLE_SCHEMA) {
    return fail(`schema ${JSON.stringify(d.schema ?? null)}; this tifcheck reads ${COUNTEREXAMPLE_SCHEMA}`);
  }
  for (const key of ['kernel', 'pathsFrom', 'property'])
    if (typeof d[key] !== 'string') return fail(`field ${key} is missing or not a string`);
  if (!Array.isArray(d.edits) || !d.edits.every((e) => typeof e === 'string'))
    return fail('field edits is not a list of strings');
  if (typeof d.raw !== 'boolean') return fail('field raw is missing or not true/false');
  if (d.events !== undefined && d.events !== 'none') return fail('field events is neither absent nor "none"');
  if (
    d.flagWork !== undefined &&
    (!Array.isArray(d.flagWork) || !d.flagWork.every((e) => typeof e === 'string'))
  )
    return fail('field flagWork is neither absent nor a list of strings');
  if (!Array.isArray(d.violations)) return fail('field violations is not a list');
  for (const [i, v] of d.violations.entries()) {
    const x = v as Record<string, unknown>;
    const c = x.counterexample as Record<string, unknown> | undefined;
    if (typeof x !== 'object' || x === null || (x.path !== null && typeof x.path !== 'string'))
      return fail(`violations[${i}].path is not a path id or null`);
    if (
      typeof c !== 'object' ||
      c === null ||
      typeof c.flagsValue !== 'string' ||
      !/^0x[0-9a-f]{8}$/.test(c.flagsValue)
    ) {
      return fail(`violations[${i}].counterexample.flagsValue is not a 0x........ value`);
    }
    const events = c.events;
    if (
      !Array.isArray(events) ||
      !events.every((e) => typeof e?.id === 'string' && Number.isInteger(e?.at))
    ) {
      return fail(`violations[${i}].counterexample.events is not a list of {at, id}`);
    }
  }
  return ok(data as CounterexampleDoc);
}

function placeOf(text: string, pos: number, file: string): Where {
  const before = text.slice(0, pos);
  const line = before.split('\n').length;
  return { kind: 'file', file, line, column: pos - before.lastIndexOf('\n') };
}
