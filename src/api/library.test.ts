import { describe, expect, it } from 'vitest';
import {
  check,
  defineProperty,
  edit,
  eventsOf,
  flagsOf,
  loadHeader,
  loadKernel,
  renderResults,
  runPath,
  TifcheckError,
  violation,
} from '../index.js';
import { NO_RESCHED_SPEC, noResched } from './testing/noResched.js';

const EXITS = ['interrupt-exit', 'exception-exit'];

describe('the library', () => {
  it('should find a user property holding on v6.14 and broken by a mask edit, with a minimal input', () => {
    const v614 = loadKernel('v6.14');
    const holds = check(v614, noResched, { paths: EXITS });
    expect(holds.map((r) => [r.property, r.path, r.verdict, r.severity])).toEqual([
      ['no-resched-at-return', 'interrupt-exit', 'holds', 'bug'],
      ['no-resched-at-return', 'exception-exit', 'holds', 'bug'],
    ]);
    const broken = edit(v614, ['EXIT_TO_USER_MODE_WORK-=NEED_RESCHED']);
    const [r] = check(broken, noResched, { paths: ['interrupt-exit'] });
    expect(r?.verdict).toBe('violated');
    expect(r?.method).toBe('exhaustive');
    expect(broken.input.table.flags.length).toBeGreaterThan(0);
    expect(r?.counterexample?.root.flags).toBe(v614.input.masks.get('EXIT_TO_USER_MODE_WORK') && 1 << 3);
    const text = renderResults(broken, [noResched], r === undefined ? [] : [r], 80);
    expect(text).toContain('no-resched-at-return (bug): VIOLATED on interrupt-exit');
    expect(text).toContain('from NEED_RESCHED, no events');
    for (const line of text.split('\n')) expect(line.length).toBeLessThanOrEqual(80);
  });

  it('should find the same violation by fast-check, seeded', () => {
    const broken = loadKernel('v6.14', ['EXIT_TO_USER_MODE_WORK-=NEED_RESCHED']);
    const [r] = check(broken, noResched, {
      paths: ['interrupt-exit'],
      method: 'fast-check',
      seed: 7,
      runs: 200,
    });
    expect(r?.verdict).toBe('violated');
    expect(r?.counterexample?.foundBy.fastCheck?.seed).toBe(7);
  });

  it('should run one input and judge it by the property', () => {
    const v614 = loadKernel('v6.14');
    expect(flagsOf(v614, 'interrupt-exit')).toContain('NEED_RESCHED');
    expect(eventsOf(v614, 'interrupt-exit').length).toBeGreaterThan(0);
    const good = runPath(v614, 'interrupt-exit', { flags: ['NEED_RESCHED', 'TIF_SIGPENDING'] });
    expect(good.outcome).toBe('returned');
    expect(violation(v614, noResched, 'interrupt-exit', good)).toBeUndefined();
    const broken = edit(v614, ['EXIT_TO_USER_MODE_WORK-=NEED_RESCHED']);
    const bad = runPath(broken, 'interrupt-exit', { flags: ['NEED_RESCHED'] });
    expect(violation(broken, noResched, 'interrupt-exit', bad)).toMatch(/with NEED_RESCHED/);
  });

  it('should say what is wrong with bad input, as a TifcheckError', () => {
    const cases: [() => unknown, RegExp][] = [
      [() => loadKernel('v9.99'), /v9\.99/],
      [() => loadKernel('v6.14', ['NO_SUCH_MASK+=UPROBE']), /NO_SUCH_MASK/],
      [() => loadHeader('#define TIF_X 1\n#define _TIF_X (1 <<', { file: 'bad.h' }), /bad\.h/],
      [() => runPath(loadKernel('v6.14'), 'interrupt-exit', { flags: ['NO_SUCH_FLAG'] }), /NO_SUCH_FLAG/],
      [() => runPath(loadKernel('v3.13'), 'compat-syscall', { flags: [] }), /compat-syscall/],
      [() => defineProperty({ ...NO_RESCHED_SPEC, id: 'exit-terminates' }), /built-in/],
      [() => defineProperty({ ...NO_RESCHED_SPEC, id: 'Not An Id' }), /lower-case/],
      [() => defineProperty({ id: 'x-y', statement: 's', cite: 'c', severity: 'bug' }), /judges nothing/],
      [() => defineProperty({ ...NO_RESCHED_SPEC, severity: 'fatal' as 'bug' }), /severity/],
    ];
    for (const [call, message] of cases) {
      expect(call).toThrow(TifcheckError);
      expect(call).toThrow(message);
    }
  });
});
