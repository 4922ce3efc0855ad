import { Ajv, type ErrorObject } from 'ajv';
import { err, inputError, ok, type Result, type Where } from '../flags/errors.js';
import { COUNTEREXAMPLE_SCHEMA, type CounterexampleDoc } from './counterexampleDoc.js';
import { jsonSyntaxError } from './jsonSyntax.js';
import { COUNTEREXAMPLE_JSON_SCHEMA } from './schemas/counterexample.js';

/**
 * Reads a counterexample JSON file strictly: valid JSON, this schema version, and every field as
 * schemas/counterexample.schema.json says (checked by ajv). Anything else is one line naming the
 * file and the field.
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
  if (typeof data !== 'object' || data === null || Array.isArray(data))
    return fail('not a counterexample report (expected an object)');
  const d = data as Record<string, unknown>;
  if (d.schema !== COUNTEREXAMPLE_SCHEMA) {
    return fail(`schema ${JSON.stringify(d.schema ?? null)}; this tifcheck reads ${COUNTEREXAMPLE_SCHEMA}`);
  }
  if (!validate(data)) return fail(schemaError(validate.errors ?? []));
  return ok(data as unknown as CounterexampleDoc);
}

const validate = new Ajv({ allErrors: false, strict: true, allowUnionTypes: true }).compile(
  COUNTEREXAMPLE_JSON_SCHEMA,
);

/** The first thing the schema refuses, as a field path a person can find in the file. */
function schemaError(errors: readonly ErrorObject[]): string {
  const e = errors[0];
  if (e === undefined) return 'does not match the report schema';
  const field = e.instancePath === '' ? 'the report' : `field ${e.instancePath.slice(1).replace(/\//g, '.')}`;
  const extra =
    e.keyword === 'additionalProperties'
      ? ` (${String((e.params as { additionalProperty?: unknown }).additionalProperty)})`
      : e.keyword === 'enum'
        ? `: ${((e.params as { allowedValues?: unknown[] }).allowedValues ?? []).join(', ')}`
        : '';
  return `${field} ${e.message ?? 'is wrong'}${extra} (schemas/counterexample.schema.json)`;
}

function placeOf(text: string, pos: number, file: string): Where {
  const before = text.slice(0, pos);
  const line = before.split('\n').length;
  return { kind: 'file', file, line, column: pos - before.lastIndexOf('\n') };
}
