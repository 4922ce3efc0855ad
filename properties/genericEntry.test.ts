import { describe, expect, it } from 'vitest';
import { suggestFixes } from '../src/check/fixes.js';
import { kernelSubject } from '../src/check/subject.js';
import { DEFAULT_OPTIONS, verifyContext } from '../src/check/verify.js';
import { unwrap } from '../src/flags/errors.js';
import type { KernelId } from '../src/kernels/kernelId.js';
import type { PathId } from '../src/kernels/pathId.js';
import { getKernel } from '../src/kernels/registry.js';
import { makeContext } from '../src/model/context.js';
import { slowPathRule } from '../src/model/handlers/returnDecision.js';
import { machineFor } from '../src/model/machines/registry.js';
import { ALL_FACT_TOKENS } from '../src/model/registers.js';
import { CHECKS_4_4, CHECKS_C, failedCheck, sysretAgainstIret } from '../src/model/returnInstructions.js';
import { rootOf } from '../src/model/root.js';
import { run } from '../src/model/run.js';
import { PROPERTIES } from './registry.js';

/** RIP in the kernel half (model/registers.ts RIP_CLASSES), RCX = RIP, R11 = RFLAGS. */
const KERNEL_HALF = 2;

/** verify on a generic-entry kernel with mask edits: each exit property's verdict and minimum. */
function verifyEdited(id: KernelId, edits: string[], paths: PathId[] = ['interrupt-exit', 'exception-exit']) {
  const subject = unwrap(kernelSubject(getKernel(id), edits), id);
  const ctx = makeContext(subject.input);
  const results = verifyContext(ctx, Object.values(PROPERTIES), { ...DEFAULT_OPTIONS, paths });
  const at = (property: string, path: string) => {
    const r = results.find((x) => x.property === property && x.path === path);
    if (r === undefined) throw new Error(`${property} on ${path}: not checked`);
    const cx = r.counterexample;
    return {
      verdict: r.verdict,
      method: r.method,
      flags: cx === undefined ? undefined : ctx.fmt(cx.root.flags),
      events: cx?.events.map((e) => e.id) ?? [],
      message: cx?.message,
    };
  };
  return { at };
}

/**
 * Generic entry (issue 5): the exit properties on the 5.11 and 6.14 interrupt and exception
 * returns. The built-in kernels hold everywhere (properties/expectedVerdicts.ts); these tests show
 * each property failing where a mask edit breaks the loop, with the minimum the search finds, and
 * the run that 4.3-rc1 gets wrong going right.
 */
describe('generic entry exits under mask edits', () => {
  it('should livelock when USER_RETURN_NOTIFY joins the loop mask, as _TIF_UPROBE did in 2014', () => {
    // The loop body has no handler for it (the notifiers run after the loop), so the loop test
    // keeps passing with nothing to clear the flag.
    const v = verifyEdited('v5.11', ['EXIT_TO_USER_MODE_WORK+=_TIF_USER_RETURN_NOTIFY']);
    for (const path of ['interrupt-exit', 'exception-exit']) {
      const r = v.at('exit-terminates', path);
      expect(r).toMatchObject({
        verdict: 'violated',
        method: 'exhaustive',
        flags: 'USER_RETURN_NOTIFY',
        events: [],
      });
      expect(r.message).toMatch(/exit_to_user_mode_loop repeats/);
      expect(v.at('exit-work-delivered', path).verdict).toBe('holds');
    }
  });

  it('should return with NOTIFY_SIGNAL pending when the loop mask loses it', () => {
    const v = verifyEdited('v5.11', ['EXIT_TO_USER_MODE_WORK-=_TIF_NOTIFY_SIGNAL']);
    for (const path of ['interrupt-exit', 'exception-exit']) {
      expect(v.at('exit-work-delivered', path)).toMatchObject({
        verdict: 'violated',
        flags: 'NOTIFY_SIGNAL',
        events: [],
      });
      expect(v.at('exit-terminates', path).verdict).toBe('holds');
    }
  });

  it("should return with a lazy reschedule pending when 6.14's loop mask is 5.11's", () => {
    const v = verifyEdited('v6.14', ['EXIT_TO_USER_MODE_WORK-=_TIF_NEED_RESCHED_LAZY']);
    expect(v.at('exit-work-delivered', 'interrupt-exit')).toMatchObject({
      verdict: 'violated',
      flags: 'NEED_RESCHED_LAZY',
      events: [],
    });
    // The real 6.14 mask has it.
    expect(verifyEdited('v6.14', []).at('exit-work-delivered', 'interrupt-exit').verdict).toBe('holds');
  });

  it('should fire a user-return notifier a context switch brings, where 4.3-rc1 returned with it', () => {
    // 4.3-rc1's pinned counterexample: NEED_RESCHED, and urn_moved_here at the loop's schedule().
    const k = getKernel('v5.11');
    const ctx = makeContext(unwrap(kernelSubject(k), 'v5.11').input, 'interrupt-exit');
    const m = machineFor(k.behaviour.exitModel, 'interrupt-exit');
    if (m === undefined) throw new Error('v5.11 models interrupt-exit');
    const r = run(m, ctx, rootOf(ctx.bit('NEED_RESCHED')), [{ at: 1, id: 'urn_moved_here' }]);
    expect(r.fired.map((e) => e.id)).toEqual(['urn_moved_here']);
    expect(r.returned?.state.flags).toBe(0);
    const calls = r.trace.flatMap((t) => t.calls.map((c) => c.fn));
    // Once, in arch_exit_to_user_mode_prepare, after the loop's last read of the flags.
    expect(r.trace.flatMap((t) => t.notes).filter((n) => /fire_user_return_notifiers/.test(n))).toHaveLength(
      1,
    );
    expect(calls.lastIndexOf('arch_exit_to_user_mode_prepare')).toBeGreaterThan(
      calls.lastIndexOf('schedule'),
    );
  });
});

describe('generic entry syscalls: the syscall_work word', () => {
  it('should find the single-step trap lost when SYSCALL_EXIT_TRAP leaves SYSCALL_WORK_EXIT, and propose it back', () => {
    const subject = unwrap(
      kernelSubject(getKernel('v5.11'), ['SYSCALL_WORK_EXIT-=SYSCALL_WORK_SYSCALL_EXIT_TRAP']),
      'edit',
    );
    const options = { ...DEFAULT_OPTIONS, paths: ['syscall' as const] };
    const props = [PROPERTIES['exit-trace-once']];
    const results = verifyContext(makeContext(subject.input), props, options);
    expect(results.map((r) => r.verdict)).toEqual(['violated']);
    const [f] = suggestFixes(subject, results, props, options);
    expect(f?.fixes[0]?.edits).toEqual(['SYSCALL_WORK_EXIT+=SYSCALL_WORK_SYSCALL_EXIT_TRAP']);
  });

  it('should take the syscall modes from syscall_work and the step mode from ti->flags', () => {
    const k = getKernel('v5.11');
    const ctx = makeContext(unwrap(kernelSubject(k), 'v5.11').input, 'syscall');
    const m = machineFor(k.behaviour.exitModel, 'syscall');
    if (m === undefined) throw new Error('v5.11 models the syscall');
    expect(ctx.fmt(m.initialFlags?.(ctx) ?? 0)).toBe('SINGLESTEP');
    expect(ctx.fmtWork(m.initialWork?.(ctx) ?? 0)).toBe(
      'SECCOMP|SYSCALL_TRACEPOINT|SYSCALL_TRACE|SYSCALL_EMU|SYSCALL_AUDIT',
    );
    // The tracer's PTRACE_SYSCALL sets SYSCALL_TRACE in syscall_work, not in ti->flags.
    const cs = ctx.setters.find((s) => s.id === 'PTRACE_SYSCALL');
    expect([cs?.sets, ctx.fmtWork(cs?.workSets ?? 0)]).toEqual([0, 'SYSCALL_TRACE']);
    // A stepped task starts with SYSCALL_EXIT_TRAP beside TIF_SINGLESTEP (user_enable_single_step).
    const s0 = m.start(ctx, rootOf(ctx.bit('SINGLESTEP')));
    expect(ctx.fmtWork(s0.syscallWork)).toBe('SYSCALL_EXIT_TRAP');
  });

  it('should audit a cancelled syscall on neither side: SYSCALL_EMU returns before audit entry and the exit finds no record', () => {
    const k = getKernel('v5.11');
    const ctx = makeContext(unwrap(kernelSubject(k), 'v5.11').input, 'syscall');
    const m = machineFor(k.behaviour.exitModel, 'syscall');
    if (m === undefined) throw new Error('v5.11 models the syscall');
    const work = ctx.workBit('SYSCALL_EMU') | ctx.workBit('SYSCALL_AUDIT');
    const r = run(m, ctx, rootOf(0, 0, 0, work));
    const fns = r.trace.flatMap((t) => t.calls.map((c) => c.fn));
    expect(fns).not.toContain('syscall_enter_audit');
    expect(fns).not.toContain('sys_call_table[nr]');
    expect(r.returned?.state.auditInSyscall).toBe(false);
  });

  it('should test pt_regs as 4.4 did until 6.7, and refuse a kernel-half RIP from then on', () => {
    expect(slowPathRule(getKernel('v5.11').behaviour)).toBe('checks-4.4');
    expect(slowPathRule(getKernel('v6.14').behaviour)).toBe('checks-c');
    // A kernel-half RIP passes the sign-extension test; SYSRET and IRET then fault alike in user
    // mode, so the model finds no difference to offer there, and 6.7's TASK_SIZE_MAX refuses it.
    expect(failedCheck(CHECKS_4_4, KERNEL_HALF)).toBeUndefined();
    expect(sysretAgainstIret(KERNEL_HALF, 'frame')).toEqual({});
    expect(failedCheck(CHECKS_C, KERNEL_HALF)).toBe('RIP < TASK_SIZE_MAX');
    for (const { facts } of ALL_FACT_TOKENS) {
      // Where 6.14's tests let SYSRET through, 5.11's do too (the C tests only add one refusal).
      if (failedCheck(CHECKS_C, facts) === undefined) expect(failedCheck(CHECKS_4_4, facts)).toBeUndefined();
    }
  });
});
