import { describe, expect, it } from 'vitest';
import { compareBehaviour } from '../src/check/behaviourDiff.js';
import { diffSubjects } from '../src/check/diff.js';
import { suggestFixes } from '../src/check/fixes.js';
import { editSubject, kernelSubject } from '../src/check/subject.js';
import { DEFAULT_OPTIONS, verifyContext } from '../src/check/verify.js';
import { unwrap } from '../src/flags/errors.js';
import type { KernelId } from '../src/kernels/kernelId.js';
import { getKernel } from '../src/kernels/registry.js';
import { SYSCALL_KINDS } from '../src/kernels/syscalls.js';
import { makeContext } from '../src/model/context.js';
import { PROPERTIES } from './registry.js';

const ALL = Object.values(PROPERTIES);
const subject = (id: KernelId, edits: string[] = []) => unwrap(kernelSubject(getKernel(id), edits), id);
const places = (xs: readonly { property: string; path: string | null }[]) =>
  xs.map((x) => `${x.property} ${x.path}`).sort();

/**
 * `tifcheck diff` and the fix suggestions (issue 6). The behavioural comparison must be able to say
 * "different" (the seed claim on v3.13 is the model where it does) and "the same" (the same claim on
 * v3.18, and a change that moves no mask value).
 */
describe('diff of two mask sets', () => {
  it("should report 3.18's UPROBE fix as fixing exit-terminates and the UPROBE deliveries of v3.13, and breaking nothing", () => {
    const d = diffSubjects(subject('v3.13'), subject('v3.13', ['_TIF_DO_NOTIFY_MASK+=UPROBE']), ALL, {
      ...DEFAULT_OPTIONS,
      paths: ['syscall-exit', 'interrupt-exit', 'exception-exit', 'paranoid-exit'],
    });
    const fixed = places(d.verdicts.filter((v) => v.change === 'fixed'));
    expect(fixed).toEqual([
      'exit-terminates syscall-exit',
      'exit-work-delivered exception-exit',
      'exit-work-delivered interrupt-exit',
    ]);
    expect(d.verdicts.filter((v) => v.change === 'broken')).toEqual([]);
    const exit = d.behaviour.find((b) => b.path === 'syscall-exit');
    // UPROBE alone spins on v3.13 and returns with the fix: the smallest difference, and latent.
    expect(exit?.smallest?.input.flags).toEqual(['UPROBE']);
    expect(exit?.smallest?.base.outcome).toBe('livelock');
    expect(exit?.smallest?.proposed.outcome).toBe('returned');
    expect(exit?.smallest?.reachable).toBe(false);
  });

  it("should refute the 2014 claim that SYSCALL_EMU in _TIF_ALLWORK_MASK changes nothing, on v3.13: a tracer's PTRACE_SYSEMU at a fork event stop turns the IRET into a SYSRET", () => {
    const base = subject('v3.13');
    const d = diffSubjects(base, subject('v3.13', ['ALLWORK_MASK-=SYSCALL_EMU']), ALL, {
      ...DEFAULT_OPTIONS,
      paths: ['syscall'],
    });
    expect(d.verdicts.filter((v) => v.change !== 'unchanged')).toEqual([]);
    const whole = d.behaviour[0];
    expect(whole?.exhaustive).toBe(true);
    expect(whole?.initialStates).toBe(1920);
    expect(whole?.differingReachable).toBeGreaterThan(0);
    const x = whole?.smallest;
    expect(x?.input.flags).toEqual([]);
    expect(x?.input.events.map((e) => e.id)).toEqual(['PTRACE_SYSEMU']);
    expect(x?.base.returned?.via).toBe('IRET');
    expect(x?.proposed.returned?.via).toBe('SYSRET');
  });

  it('should find the same claim true on every compared input of v3.18, where every ptrace stop forces IRET', () => {
    const d = compareBehaviour(
      subject('v3.18').input,
      subject('v3.18', ['ALLWORK_MASK-=SYSCALL_EMU']).input,
      'syscall',
    );
    expect(d.groups).toBeGreaterThan(4000);
    expect(d.differing).toBe(0);
    expect(d.smallest).toBeUndefined();
  });

  it('should find no difference between a kernel and itself, and none for an edit that moves no mask value', () => {
    for (const edits of [[], ['_TIF_WORK_MASK+=SIGPENDING']]) {
      const d = compareBehaviour(subject('v3.18').input, subject('v3.18', edits).input, 'interrupt-exit');
      expect(d.differing).toBe(0);
      expect(d.initialStates).toBe(64);
    }
  });

  it('should find released 4.5 the same as 4.4 on the whole syscall, and 4.6 different', () => {
    const same = compareBehaviour(subject('v4.4').input, subject('v4.5').input, 'syscall');
    expect(same.groups).toBeGreaterThan(4000);
    expect(same.differing).toBe(0);
    // 4.6's ptregs series: the smallest difference is a plain fork, which stub_ptregs_64 sends
    // from the fast path to the C slow path.
    const next = compareBehaviour(subject('v4.5').input, subject('v4.6').input, 'syscall');
    expect(next.differing).toBeGreaterThan(0);
    expect(next.smallest?.input.flags).toEqual([]);
    expect(next.smallest?.input.kind).toBe(SYSCALL_KINDS.indexOf('fork'));
  });
});

describe('fix suggestions', () => {
  it('should suggest adding UPROBE to _TIF_DO_NOTIFY_MASK for the v3.13 livelock, and say it fixes both UPROBE deliveries too', () => {
    const s = subject('v3.13');
    const results = verifyContext(makeContext(s.input), ALL, {
      ...DEFAULT_OPTIONS,
      paths: ['syscall-exit', 'interrupt-exit'],
    });
    const fixes = suggestFixes(s, results, ALL, {
      ...DEFAULT_OPTIONS,
      paths: ['syscall-exit', 'interrupt-exit'],
    });
    const livelock = fixes.find((f) => f.target.property === 'exit-terminates');
    expect(livelock?.fixes[0]?.edits).toEqual(['_TIF_DO_NOTIFY_MASK+=UPROBE']);
    expect(places(livelock?.fixes[0]?.fixes ?? [])).toEqual([
      'exit-terminates syscall-exit',
      'exit-work-delivered interrupt-exit',
    ]);
  });

  it('should give back the flag an edit took away, and spell a mask with dead bits by its named flags', () => {
    const s = subject('v3.18', ['_TIF_DO_NOTIFY_MASK-=UPROBE']);
    const options = { ...DEFAULT_OPTIONS, paths: ['interrupt-exit' as const] };
    const results = verifyContext(makeContext(s.input), ALL, options);
    const fixes = suggestFixes(s, results, ALL, options);
    const delivered = fixes.find((f) => f.target.property === 'exit-work-delivered');
    expect(delivered?.fixes.map((f) => f.edits)).toContainEqual(['_TIF_DO_NOTIFY_MASK+=UPROBE']);
    const lint = fixes.find((f) => f.target.property === 'mask-dead-bits');
    const edit = lint?.fixes[0]?.edits[0] ?? '';
    expect(edit.startsWith('_TIF_WORK_MASK=_TIF_')).toBe(true);
    // The suggested spelling is the mask without its dead bits: the lint holds after it.
    const fixed = unwrap(editSubject(s, [edit]), edit);
    const again = verifyContext(makeContext(fixed.input), [PROPERTIES['mask-dead-bits']], options);
    expect(again.every((r) => r.verdict === 'holds')).toBe(true);
  });

  it('should say why the CVE-2014-4699 run has no mask fix: no flag is set at any step of it', () => {
    const s = subject('v3.14');
    const options = { ...DEFAULT_OPTIONS, paths: ['syscall' as const] };
    const results = verifyContext(makeContext(s.input), [PROPERTIES['exit-full-frame']], options);
    const [f] = suggestFixes(s, results, [PROPERTIES['exit-full-frame']], options);
    expect(f?.fixes).toEqual([]);
    expect(f?.none).toMatch(/no flag is set/);
  });
});
