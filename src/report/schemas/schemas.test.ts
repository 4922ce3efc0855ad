import { readFileSync, writeFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { main } from '../../cli/main.js';
import { kernelTree } from '../../cli/testing/kernelTree.js';
import { memoryIo } from '../../cli/testing/memoryIo.js';
import { COUNTEREXAMPLE_JSON_SCHEMA } from './counterexample.js';
import {
  DIFF_JSON_SCHEMA,
  FACTS_JSON_SCHEMA,
  HISTORY_JSON_SCHEMA,
  MASKS_JSON_SCHEMA,
  VERIFY_JSON_SCHEMA,
} from './outputs.js';

/** A tag of a repository in memory: v4.4's model as a tree, under `repo@TAG/`. */
const tagged = (tag: string): Record<string, string> =>
  Object.fromEntries(
    Object.entries(kernelTree('v4.4', 'x')).map(([k, v]) => [k.replace(/^x\//, `repo@${tag}/`), v]),
  );

/** Each schema as the file other tools read (UPDATE_SCHEMAS=1 rewrites them). */
const FILES: Record<string, object> = {
  'schemas/counterexample.schema.json': COUNTEREXAMPLE_JSON_SCHEMA,
  'schemas/verify.schema.json': VERIFY_JSON_SCHEMA,
  'schemas/diff.schema.json': DIFF_JSON_SCHEMA,
  'schemas/masks.schema.json': MASKS_JSON_SCHEMA,
  'schemas/facts.schema.json': FACTS_JSON_SCHEMA,
  'schemas/history.schema.json': HISTORY_JSON_SCHEMA,
};

const json = (...argv: string[]): unknown => {
  // A repository of two tags in memory (memoryIo's DIR@REV/ files), for history.
  const cap = memoryIo({ ...tagged('v4.4'), ...tagged('v4.4.1') });
  main(argv, cap.io);
  return JSON.parse(cap.out());
};

describe('the JSON schemas', () => {
  for (const [file, schema] of Object.entries(FILES)) {
    it(`should publish ${file} as the schema the code uses`, () => {
      const text = `${JSON.stringify(schema, null, 2)}\n`;
      if (process.env.UPDATE_SCHEMAS === '1') writeFileSync(file, text);
      // Compared as data: the formatter may lay the file out its own way.
      expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(JSON.parse(text));
    });
  }

  it('should describe what the commands print', () => {
    const ajv = new Ajv({ strict: true, allowUnionTypes: true });
    const cases: [object, unknown][] = [
      [VERIFY_JSON_SCHEMA, json('verify', '--kernel', 'v3.13', '--path', 'interrupt-exit', '--json')],
      [
        VERIFY_JSON_SCHEMA,
        json('verify', '--kernel', 'v6.14', '--path', 'interrupt-exit', '--json', '--no-fixes'),
      ],
      [
        DIFF_JSON_SCHEMA,
        json('diff', '--base', 'v3.16', '--proposed', 'v3.18', '--path', 'interrupt-exit', '--json'),
      ],
      [MASKS_JSON_SCHEMA, json('masks', '--kernel', 'v6.14', '--json')],
      [FACTS_JSON_SCHEMA, json('facts', '--kernel', 'v4.6', '--json')],
      [HISTORY_JSON_SCHEMA, json('history', '--tree', 'repo', '--path', 'interrupt-exit', '--json')],
    ];
    for (const [schema, doc] of cases) {
      const validate = ajv.compile(schema);
      expect(validate(doc), JSON.stringify(validate.errors)).toBe(true);
    }
  });

  it('should refuse what a schema rules out', () => {
    const validate = new Ajv({ strict: true, allowUnionTypes: true }).compile(MASKS_JSON_SCHEMA);
    expect(
      validate({ schema: 'tifcheck-masks/2', source: 'v3.13', flags: {}, masks: {}, undefinedLowBits: 0 }),
    ).toBe(false);
  });
});
