import { describe, expect, it } from 'vitest';
import { kernelSubject } from '../src/check/subject.js';
import { DEFAULT_OPTIONS, verifyContext } from '../src/check/verify.js';
import { main } from '../src/cli/main.js';
import { memoryIo } from '../src/cli/testing/memoryIo.js';
import { unwrap } from '../src/flags/errors.js';
import type { Behaviour } from '../src/kernels/behaviour/types.js';
import type { KernelId } from '../src/kernels/kernelId.js';
import type { PathId } from '../src/kernels/pathId.js';
import { getKernel } from '../src/kernels/registry.js';
import { makeContext } from '../src/model/context.js';
import { PROPERTIES } from './registry.js';

/**
 * The eras after 6.14 hold their new invariants (the verdict table), and each new invariant fails
 * on a copy broken the way such code breaks: a drifted mask, a lost guard, an operand of the wrong
 * kind. 7.1's own operand is such a copy, as released.
 */
interface Result {
  property: string;
  path: string;
  verdict: string;
  counterexample?: { flags: string[]; events: { id: string }[]; message: string };
}

const verify = (...argv: string[]): Result[] => {
  const cap = memoryIo({});
  main(['verify', ...argv, '--json', '--no-fixes'], cap.io);
  return (JSON.parse(cap.out()) as { results: Result[] }).results;
};

/** A built-in kernel with its behaviour changed: a copy no release shipped. */
function verifyCopy(
  id: KernelId,
  change: (b: Behaviour) => Behaviour,
  property: string,
  path: PathId,
): Result {
  const k = getKernel(id);
  const s = unwrap(kernelSubject(k), id);
  const ctx = makeContext({ ...s.input, behaviour: change(k.behaviour) });
  const [r] = verifyContext(ctx, [PROPERTIES[property as keyof typeof PROPERTIES]], {
    ...DEFAULT_OPTIONS,
    paths: [path],
  });
  return {
    property,
    path,
    verdict: r?.verdict ?? 'none',
    ...(r?.counterexample === undefined
      ? {}
      : { counterexample: { flags: [], events: [], message: r.counterexample.message } }),
  };
}

describe('v7.1: the hrtimer rearm takes a bit number out of ti_work', () => {
  it('should return with NOTIFY_SIGNAL pending from NOTIFY_SIGNAL|HRTIMER_REARM, and name the operand', () => {
    const rs = verify('--kernel', 'v7.1', '--path', 'interrupt-exit');
    const delivered = rs.find((r) => r.property === 'exit-work-delivered');
    expect(delivered?.verdict).toBe('violated');
    expect(delivered?.counterexample?.flags).toEqual(['NOTIFY_SIGNAL', 'HRTIMER_REARM']);
    expect(delivered?.counterexample?.events).toEqual([]);
    const operand = rs.find((r) => r.property === 'flag-operand');
    expect(operand?.counterexample?.message).toContain(
      'hrtimer_rearm_deferred_user_irq: TIF_HRTIMER_REARM is a bit number where a mask belongs',
    );
  });

  it('should hold both once the copy of the flags loses the mask, _TIF_HRTIMER_REARM', () => {
    const fixed = (b: Behaviour): Behaviour => ({
      ...b,
      hrtimerRearm: {
        rearmMask: 'TIF_REARM_MASK',
        localClear: { kind: 'mask', operand: '_TIF_HRTIMER_REARM' },
      },
    });
    expect(verifyCopy('v7.1', fixed, 'exit-work-delivered', 'interrupt-exit').verdict).toBe('holds');
    expect(verifyCopy('v7.1', fixed, 'flag-operand', 'interrupt-exit').verdict).toBe('holds');
  });
});

describe('v6.19: the rseq exit step and the loop mask without TIF_RSEQ', () => {
  it('should take another round when the fast path faults, and come back', () => {
    const cap = memoryIo({});
    const code = main(
      [
        'explain',
        '--kernel',
        'v6.19',
        '--path',
        'interrupt-exit',
        '--flags',
        'RSEQ',
        '--events',
        'rseq_fault@0',
      ],
      cap.io,
    );
    expect(code).toBe(0);
    expect(cap.out()).toContain('rseq asks for another round');
    expect(cap.out()).toContain('resume_user_mode_work');
    expect(cap.out()).toContain('TIF_RSEQ cleared');
  });

  it('should livelock when the inner loop tests TIF_RSEQ too, which only the step after it clears', () => {
    const rs = verify(
      '--kernel',
      'v6.19',
      '--edit',
      'EXIT_TO_USER_MODE_WORK_LOOP+=RSEQ',
      '--path',
      'interrupt-exit',
    );
    const t = rs.find((r) => r.property === 'exit-terminates');
    expect(t?.verdict).toBe('violated');
    expect(t?.counterexample?.flags).toEqual(['RSEQ']);
  });

  it('should fail rseq-exit-atomic on a copy whose step has no page-fault guard', () => {
    const unguarded = (b: Behaviour): Behaviour => ({
      ...b,
      rseq: { ...(b.rseq as NonNullable<Behaviour['rseq']>), pagefaultsDisabled: false },
    });
    const r = verifyCopy('v6.19', unguarded, 'rseq-exit-atomic', 'interrupt-exit');
    expect(r.verdict).toBe('violated');
    expect(r.counterexample?.message).toContain('page faults enabled');
  });
});

describe('v7.0: the slice extension defers a reschedule, nothing else', () => {
  it('should grant over a pending signal once the deny mask has drifted', () => {
    const rs = verify(
      '--kernel',
      'v7.0',
      '--edit',
      'TIF_SLICE_EXT_DENY-=SIGPENDING',
      '--path',
      'interrupt-exit',
    );
    const g = rs.find((r) => r.property === 'slice-grant-defers-resched');
    expect(g?.verdict).toBe('violated');
    expect(g?.counterexample?.flags).toEqual(['SIGPENDING', 'NEED_RESCHED']);
    expect(g?.counterexample?.events.map((e) => e.id)).toEqual(['rseq_slice_request']);
  });
});
