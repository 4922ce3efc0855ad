import { describe, expect, it } from 'vitest';
import { FULL_TIER } from '../testing/tier.js';
import { main } from './main.js';
import { memoryIo } from './testing/memoryIo.js';

const run = (files: Record<string, string>, ...argv: string[]) => {
  const cap = memoryIo(files);
  // A wide terminal: these tests read whole lines of the summary.
  const code = main(argv, { ...cap.io, columns: 1000 });
  return { code, out: cap.out(), err: cap.errText(), files: cap.files };
};

/**
 * FRED (issue 19, item 2): on FRED hardware every return to user mode is ERETU and the answer of
 * do_syscall_64's SYSRET tests is dropped (read in 6.14's entry_fred.c), so sysret-safe does not
 * apply, and every other property is checked the same.
 */
describe('--fred', () => {
  it('should check v6.14 as on FRED: ERETU everywhere, sysret-safe not applicable', () => {
    const r = run({}, 'verify', '--kernel', 'v6.14', '--fred', '--path', 'interrupt-exit', '--json');
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.out) as { fred?: boolean; results: { property: string }[] };
    expect(doc.fred).toBe(true);
    expect(doc.results.map((x) => x.property)).not.toContain('sysret-safe');
    expect(doc.results.map((x) => x.property)).toContain('exit-work-delivered');
  });

  it('should find a broken mask the same way, return by ERETU, and replay it as on FRED', () => {
    const args = ['--kernel', 'v6.14', '--fred', '--edit', 'EXIT_TO_USER_MODE_WORK-=SIGPENDING'];
    const r = run({}, 'verify', ...args, '--path', 'interrupt-exit', '--no-fixes', '--out', 'out');
    expect(r.code).toBe(1);
    expect(r.out).toContain(
      'returned to user mode by ERETU at asm_fred_exit_user with SIGPENDING still pending',
    );
    const json = r.files['out/v6.14/exit-work-delivered.json'] ?? '';
    expect(JSON.parse(json).fred).toBe(true);
    const replay = run({ 'r.json': json }, 'replay', 'r.json');
    expect(replay.out).toContain('reproduces exactly');
    expect(replay.code).toBe(0);
  });

  // A diff compares thousands of timings on both sides (about 7 s): a test of the full tier only.
  const diffTests = FULL_TIER ? [0] : [];
  for (const _ of diffTests)
    it('should show with diff what FRED changes: the return, and sysret-safe no longer applying', () => {
      const d = run(
        {},
        'diff',
        '--base',
        'v6.14',
        '--proposed',
        'v6.14',
        '--fred',
        'proposed',
        '--path',
        'syscall',
      );
      expect(d.code).toBe(0);
      expect(d.out).toContain('base only  sysret-safe on syscall: holds');
      expect(d.out).toContain('proposed: eretu: always ERETU');
      expect(d.out).toMatch(/base: +returned SYSRET at syscall_return_via_sysret/);
      expect(d.out).toMatch(/proposed: +returned ERETU at asm_fred_exit_user/);
    });

  it('should refuse FRED for a kernel without it, and a side that is not base, proposed or both', () => {
    const old = run({}, 'verify', '--kernel', 'v5.11', '--fred');
    expect(old.code).toBe(2);
    expect(old.err).toContain('v5.11 has no FRED support');
    const side = run({}, 'diff', '--base', 'v6.14', '--proposed', 'v6.14', '--fred', 'yes');
    expect(side.code).toBe(2);
    expect(side.err).toContain('--fred takes base, proposed or both');
  });
});
