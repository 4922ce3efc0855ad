import { describe, expect, it } from 'vitest';
import { newFlagHeader } from '../flags/header/testing/headers.js';
import { main } from './main.js';
import { memoryIo } from './testing/memoryIo.js';

/**
 * Issue 17's first finding: a patch that adds a new flag, TIF_FOO, to the work masks but not to
 * _TIF_DO_NOTIFY_MASK livelocks the syscall exit (the 2014 UPROBE bug again), and tifcheck called
 * it safe because nothing in the model set FOO. Now a flag no built-in kernel knows is pending work.
 */
const FILES = {
  'bad.h': newFlagHeader(false, true),
  'good.h': newFlagHeader(true, true),
  'bad313.h': newFlagHeader(false),
};

interface ResultJson {
  property: string;
  path: string | null;
  verdict: string;
  counterexample?: { flags: string[]; events: { id: string; at: number }[] };
}

const run = (...argv: string[]) => {
  const cap = memoryIo(FILES);
  // A wide terminal: these tests read whole lines of the summary.
  const code = main(argv, { ...cap.io, columns: 1000 });
  return { code, out: cap.out(), err: cap.errText() };
};

const results = (...argv: string[]): { code: number; results: ResultJson[]; notes: string[] } => {
  const r = run(...argv, '--json', '--no-fixes');
  const j = JSON.parse(r.out) as { results: ResultJson[]; notes: string[] };
  return { code: r.code, results: j.results, notes: j.notes };
};

const violated = (rs: readonly ResultJson[], property: string) =>
  rs.filter((r) => r.property === property && r.verdict === 'violated');

describe('a flag no built-in kernel knows', () => {
  it('should livelock the syscall exit when the patch leaves it out of _TIF_DO_NOTIFY_MASK', () => {
    const bad = results('verify', '--header', 'bad.h', '--paths', 'v3.18');
    expect(bad.code).toBe(1);
    const exit = violated(bad.results, 'exit-terminates').find((r) => r.path === 'syscall-exit');
    expect(exit?.counterexample?.flags).toEqual(['FOO']);
    expect(exit?.counterexample?.events).toEqual([]);
    // Set by an interrupt in the middle of an ordinary syscall, it livelocks the whole syscall too.
    const whole = violated(bad.results, 'exit-terminates').find((r) => r.path === 'syscall');
    expect(whole?.counterexample?.events.map((e) => e.id)).toEqual(['set_FOO']);
    expect(bad.notes.join('\n')).toMatch(
      /TIF_FOO \(bit 23\) is new.*do_notify_resume|tracehook_notify_resume/,
    );
  });

  it('should hold every bug class property when the patch also puts it in _TIF_DO_NOTIFY_MASK', () => {
    const good = results('verify', '--header', 'good.h', '--paths', 'v3.18');
    expect(good.code).toBe(0);
    expect(violated(good.results, 'exit-terminates')).toEqual([]);
    expect(violated(good.results, 'exit-work-delivered')).toEqual([]);
  });

  it('should fail the fixed header too when --flag-work says nothing clears the flag', () => {
    const none = results(
      'verify',
      '--header',
      'good.h',
      '--paths',
      'v3.18',
      '--flag-work',
      'FOO=none',
      '--path',
      'syscall-exit',
    );
    expect(none.code).toBe(1);
    expect(violated(none.results, 'exit-terminates').map((r) => r.path)).toContain('syscall-exit');
    expect(none.notes.join('\n')).toContain('nothing clears it (--flag-work)');
  });

  it('should route the flag to a named work function and carry the assumption into the reproducer', () => {
    const r = run(
      'verify',
      '--header',
      'bad.h',
      '--paths',
      'v3.18',
      '--flag-work',
      'FOO=foo_work',
      '--path',
      'syscall-exit',
      '--no-fixes',
    );
    expect(r.code).toBe(1);
    expect(r.out).toContain('foo_work runs for it');
    expect(r.out).toContain('--flag-work FOO=foo_work --path syscall-exit --flags FOO');
  });

  it('should fail a diff between them and answer with a reply: what breaks, the input, the fix as C', () => {
    const d = run(
      'diff',
      '--base',
      'good.h',
      '--proposed',
      'bad.h',
      '--path',
      'syscall-exit',
      '--format',
      'text',
    );
    // The default form (BROKEN, then its counterexample) is pinned in transcripts/diff.md.
    expect(d.code).toBe(1);
    expect(d.out).toContain('Note: TIF_FOO (bit 23) is new');
    const lines = d.out.split('\n');
    expect(lines[0]).toBe('bad.h breaks 1 property that holds on good.h: exit-terminates on');
    expect(lines.filter((l) => l.length > 72)).toEqual([]);
    expect(d.out).toContain('livelock in int_signal: FOO is in _TIF_ALLWORK_MASK, _TIF_WORK_MASK but');
    expect(d.out).toContain('  ti->flags: FOO (0x00800000)');
    expect(d.out).toContain('Reachable: a real task gets here.');
    expect(d.out).toMatch(/^ {2}\+#define _TIF_DO_NOTIFY_MASK \\$/m);
    expect(d.out).toMatch(/^ {2}\+ {4}.*_TIF_FOO\)$/m);
    expect(d.out).toContain('bad.h:');
  });

  it("should find the livelock on a 3.13 tree too, where UPROBE's own latent one comes first", () => {
    const r = run(
      'verify',
      '--header',
      'bad313.h',
      '--paths',
      'v3.13',
      '--path',
      'syscall-exit',
      '--no-fixes',
    );
    expect(r.code).toBe(1);
    expect(r.out).toContain('from UPROBE, no events: never returns');
    expect(r.out).toContain('but reachable from FOO, no events');
  });

  it('should refuse --flag-work for a flag the kernels know, or one no header adds', () => {
    const known = run('verify', '--header', 'bad.h', '--flag-work', 'UPROBE=none');
    expect(known.code).toBe(2);
    expect(known.err).toContain('TIF_UPROBE is not a new flag');
    const absent = run('verify', '--header', 'bad.h', '--flag-work', 'BAR=none');
    expect(absent.code).toBe(2);
    expect(absent.err).toContain('no header here adds a new flag TIF_BAR');
    const kernel = run('verify', '--kernel', 'v3.13', '--flag-work', 'FOO=none');
    expect(kernel.code).toBe(2);
    const malformed = run('verify', '--header', 'bad.h', '--flag-work', 'FOO');
    expect(malformed.code).toBe(2);
    expect(malformed.err).toContain('--flag-work is FLAG=FUNCTION or FLAG=none');
  });
});

describe('a header report', () => {
  it('should replay after the header is deleted, and say where the definitions came from', () => {
    const cap = memoryIo(FILES);
    const argv = [
      'verify',
      '--header',
      'bad.h',
      '--paths',
      'v3.18',
      '--property',
      'exit-terminates',
      '--path',
      'syscall-exit',
    ];
    expect(main([...argv, '--no-fixes', '--out', 'out'], cap.io)).toBe(1);
    const report = Object.keys(cap.files).find((f) => f.startsWith('out/') && f.endsWith('.json'));
    expect(report).toBeDefined();
    const doc = JSON.parse(cap.files[report as string] as string) as {
      header: { sha256: string; defines: string[] };
    };
    expect(doc.header.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(doc.header.defines).toContain('#define TIF_FOO 23');
    const replay = () => {
      const before = cap.out().length;
      const code = main(['replay', report as string], cap.io);
      return { code, said: cap.out().slice(before) };
    };
    // With the file present and unchanged, the file itself is read.
    expect(replay()).toEqual({ code: 0, said: expect.stringMatching(/^[^\n]*reproduces exactly[^\n]*\n$/) });
    delete cap.files['bad.h'];
    const gone = replay();
    expect(gone.code).toBe(0);
    expect(gone.said).toContain(
      'the header is not readable here; replayed from the definitions the report stores',
    );
    expect(gone.said).toContain('reproduces exactly');
    // A header changed since (here: the fixed one) is not what was checked: the stored one is.
    cap.files['bad.h'] = FILES['good.h'];
    const changed = replay();
    expect(changed.code).toBe(0);
    expect(changed.said).toContain('bad.h has changed since the report');
  });
});
