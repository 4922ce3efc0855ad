// How a team keeps its own invariant in its own test suite, on tifcheck's model: an exhaustive
// check of every path, a mask edit the invariant must catch, and a property test that draws
// inputs with fast-check (@fast-check/vitest) and judges each run.
import { fc, test } from '@fast-check/vitest';
import { check, edit, eventsOf, flagsOf, loadKernel, renderResults, runPath, violation } from 'tifcheck';
import { describe, expect, it } from 'vitest';
import { noReschedAtReturn } from './properties.mjs';

const v614 = loadKernel('v6.14');
const path = 'interrupt-exit';

describe('no return to user mode with NEED_RESCHED set', () => {
  it('holds on the exits of v6.14, every input and event schedule', () => {
    const results = check(v614, noReschedAtReturn, { paths: ['interrupt-exit', 'exception-exit'] });
    expect(results).toHaveLength(2);
    for (const r of results) expect(r.verdict).toBe('holds');
  });

  it('is broken when the exit loop stops testing NEED_RESCHED', () => {
    const broken = edit(v614, ['EXIT_TO_USER_MODE_WORK-=NEED_RESCHED']);
    const results = check(broken, noReschedAtReturn, { paths: [path] });
    expect(results[0]?.verdict).toBe('violated');
    expect(renderResults(broken, [noReschedAtReturn], results)).toContain('from NEED_RESCHED, no events');
  });

  const event = fc.record({ at: fc.nat(12), id: fc.constantFrom(...eventsOf(v614, path)) });
  test.prop([fc.subarray(flagsOf(v614, path)), fc.array(event, { maxLength: 3 })])(
    'holds on runs drawn by fast-check',
    (flags, events) => {
      const run = runPath(v614, path, { flags, events });
      expect(violation(v614, noReschedAtReturn, path, run)).toBeUndefined();
    },
  );
});
