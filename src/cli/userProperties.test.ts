import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { NO_RESCHED_SPEC, noResched } from '../api/testing/noResched.js';
import { defineProperty } from '../index.js';
import { VERIFY_JSON_SCHEMA } from '../report/schemas/outputs.js';
import { main } from './main.js';
import { memoryIo } from './testing/memoryIo.js';

/** The same invariant as a plain spec, not made by defineProperty: a module may export those too. */
const lintOnly = { ...NO_RESCHED_SPEC, id: 'resched-lint', severity: 'lint' as const };

const MODULES: Record<string, Record<string, unknown>> = {
  'mine.mjs': { properties: [noResched] },
  'default.mjs': { default: noResched },
  'lint.mjs': { properties: [lintOnly] },
  'empty.mjs': { other: 1 },
  'twice.mjs': { properties: [noResched, noResched] },
  'builtin.mjs': { properties: [{ ...lintOnly, id: 'exit-terminates' }] },
  'throws.mjs': {
    properties: [
      defineProperty({
        ...lintOnly,
        id: 'throws',
        onReturn: () => {
          throw new Error('boom');
        },
      }),
    ],
  },
  'boolean.mjs': { properties: [{ ...lintOnly, id: 'says-true', onReturn: () => true }] },
};

const verify = (...argv: string[]) => {
  const cap = memoryIo({}, false, MODULES);
  const code = main(['verify', '--no-fixes', '--jobs', '1', ...argv], { ...cap.io, columns: 1000 });
  return { code, out: cap.out(), err: cap.errText() };
};

const EXIT = ['--kernel', 'v6.14', '--path', 'interrupt-exit'];
const BROKEN = [...EXIT, '--edit', 'EXIT_TO_USER_MODE_WORK-=NEED_RESCHED'];

describe('verify --properties FILE', () => {
  it('should check a user property beside the built-in ones and say it holds', () => {
    for (const file of ['mine.mjs', 'default.mjs']) {
      const r = verify(...EXIT, '--properties', file);
      expect(r.out).toContain(`your properties (${file}) on v6.14:`);
      expect(r.out).toContain('no-resched-at-return (bug): holds on interrupt-exit');
      expect(r.code).toBe(0);
    }
  });

  it('should report a violation with its minimal input and run, and fail by its severity', () => {
    const r = verify(...BROKEN, '--property', 'exit-terminates', '--properties', 'mine.mjs');
    expect(r.out).toContain('no-resched-at-return (bug): VIOLATED on interrupt-exit');
    expect(r.out).toContain('from NEED_RESCHED, no events: returned by IRET with NEED_RESCHED');
    expect(r.out).toContain('VIOLATED on interrupt-exit');
    // exit-terminates holds under this edit: the status is the user property's.
    expect(r.code).toBe(1);
    const lint = verify(...BROKEN, '--property', 'exit-terminates', '--properties', 'lint.mjs');
    expect(lint.out).toContain('resched-lint (lint): VIOLATED on interrupt-exit');
    expect(lint.code).toBe(0);
    expect(
      verify(...BROKEN, '--property', 'exit-terminates', '--properties', 'lint.mjs', '--fail-on', 'lint')
        .code,
    ).toBe(1);
  });

  it('should give the results in --json as userResults, counterexample included', () => {
    const r = verify(...BROKEN, '--property', 'exit-terminates', '--properties', 'mine.mjs', '--json');
    const doc = JSON.parse(r.out) as { results: unknown[]; userResults: Record<string, unknown>[] };
    const validate = new Ajv({ strict: true, allowUnionTypes: true }).compile(VERIFY_JSON_SCHEMA);
    expect(validate(doc), JSON.stringify(validate.errors)).toBe(true);
    expect(doc.results).toHaveLength(1);
    expect(doc.userResults).toHaveLength(1);
    expect(doc.userResults[0]).toMatchObject({
      property: 'no-resched-at-return',
      severity: 'bug',
      path: 'interrupt-exit',
      verdict: 'violated',
      counterexample: { flags: ['NEED_RESCHED'], events: [] },
    });
  });

  it('should give one TAP test and one JUnit test case per user property and path', () => {
    const args = [...BROKEN, '--property', 'exit-terminates', '--properties', 'mine.mjs'];
    const tap = verify(...args, '--format', 'tap');
    expect(tap.out).toMatch(/^1\.\.2$/m);
    expect(tap.out).toMatch(/^ok 1 - v6\.14 exit-terminates on interrupt-exit \(bug\)$/m);
    expect(tap.out).toMatch(/^not ok 2 - v6\.14 no-resched-at-return on interrupt-exit \(bug\)$/m);
    expect(tap.code).toBe(1);
    const junit = verify(...args, '--format', 'junit');
    expect(junit.out).toContain('tests="2" failures="1"');
    expect(junit.out).toMatch(
      /<testcase classname="v6\.14\.no-resched-at-return" name="interrupt-exit">\s*<failure type="bug"/,
    );
    const lint = verify(
      ...BROKEN,
      '--property',
      'exit-terminates',
      '--properties',
      'lint.mjs',
      '--format',
      'tap',
    );
    expect(lint.out).toMatch(
      /^not ok 2 - v6\.14 resched-lint on interrupt-exit \(lint\) # TODO lint, below --fail-on$/m,
    );
    expect(lint.code).toBe(0);
  });

  it('should refuse a bad module with one line naming the file, exit 2', () => {
    const cases: [string[], string][] = [
      [[...EXIT, '--properties', 'gone.mjs'], 'gone.mjs: cannot read: no such file'],
      [[...EXIT, '--properties', 'empty.mjs'], 'empty.mjs: exports no property'],
      [[...EXIT, '--properties', 'twice.mjs'], 'twice.mjs: property no-resched-at-return is defined twice'],
      [[...EXIT, '--properties', 'builtin.mjs'], 'builtin.mjs: property id exit-terminates is a built-in'],
      [['--properties', 'mine.mjs'], '--properties needs --kernel ID, --header FILE or --tree DIR'],
      [[...EXIT, '--properties', 'mine.mjs', '--format', 'md'], '--properties prints with the summary'],
      [
        [...EXIT, '--properties', 'mine.mjs', '--properties', 'throws.mjs'],
        'throws.mjs: property throws: onReturn threw: boom',
      ],
      [
        [...EXIT, '--properties', 'boolean.mjs'],
        'boolean.mjs: property says-true: onReturn returned boolean',
      ],
    ];
    for (const [args, message] of cases) {
      const r = verify(...args);
      expect(r.err).toContain(message);
      expect(r.err.trim().split('\n')).toHaveLength(1);
      expect(r.out).toBe('');
      expect(r.code).toBe(2);
    }
  });
});
