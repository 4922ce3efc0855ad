import { describe, expect, it } from 'vitest';
import { main } from './main.js';
import { memoryIo } from './testing/memoryIo.js';

const status = (...argv: string[]) => {
  const cap = memoryIo({});
  const code = main(argv, cap.io);
  return { code, out: cap.out(), err: cap.errText() };
};

/**
 * The exit status gates a patch (issue 17): a lint or a divergence alone does not fail `verify`
 * unless --fail-on asks for it, and `diff` fails only on what the proposal breaks.
 */
describe('exit status by class', () => {
  it('should pass v4.8, whose only violation is a lint, and fail it with --fail-on lint', () => {
    expect(status('verify', '--kernel', 'v4.8', '--path', 'syscall', '--no-fixes').code).toBe(0);
    const lint = status('verify', '--kernel', 'v4.8', '--path', 'syscall', '--no-fixes', '--fail-on', 'lint');
    expect(lint.code).toBe(1);
    expect(lint.out).toContain('VIOLATED mask-dead-bits (lint) on syscall');
  });

  it('should fail on a divergence only when asked, and always on a bug', () => {
    const args = [
      'verify',
      '--kernel',
      'v4.4',
      '--path',
      'syscall',
      '--property',
      'two-phase-equivalent',
      '--no-fixes',
    ];
    expect(status(...args).code).toBe(0);
    expect(status(...args, '--fail-on', 'divergence').code).toBe(1);
    expect(status('verify', '--kernel', 'v3.13', '--path', 'syscall-exit', '--no-fixes').code).toBe(1);
  });

  // A diff that breaks a bug-class property exits 1: newFlag.test.ts (the TIF_FOO patch).
  it('should pass a diff that fixes bugs and only diverges more (3.13 to 3.18)', () => {
    // The syscall path has both: the UPROBE livelock fixed, the two-phase divergence added.
    const forward = status('diff', '--base', 'v3.13', '--proposed', 'v3.18', '--path', 'syscall');
    expect(forward.out).toContain('BROKEN    two-phase-equivalent (divergence) on syscall');
    expect(forward.code).toBe(0);
  });

  it('should refuse an unknown class with status 2', () => {
    const bad = status('verify', '--kernel', 'v4.8', '--fail-on', 'warning');
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('--fail-on takes bug, divergence or lint');
  });
});
