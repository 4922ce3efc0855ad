import { describe, expect, it } from 'vitest';
import type { Machine } from '../src/model/machine.js';
import { TIER_NAME } from '../src/testing/tier.js';
import { firstDependence, pathsToCheck, subjectOf } from './testing/deadRegisters.js';

/**
 * The explorer treats states that differ only in a dead register or a dead syscall_work as one
 * (Machine.deadFields), and states whose pt_regs no later step tells apart as one (model/ptRegsClasses.ts). That is
 * sound only if, at every reachable state, the step's outcome does not depend on the dead
 * registers' values (testing/deadRegisters.ts). The returns and the older syscalls here; generic
 * entry's whole syscalls in deadRegisters.genericSyscalls and .sliceSyscalls, so that test
 * workers share them.
 */
describe(`dead registers (the explorer merges states that differ only in them; ${TIER_NAME})`, () => {
  for (const { id, path } of pathsToCheck('returns-and-older-syscalls')) {
    it(`should not change any step of ${id} ${path}`, { timeout: 1_800_000 }, () => {
      const { machine, ctx } = subjectOf(id, path);
      expect(firstDependence(machine, ctx)).toBeUndefined();
    });
  }

  it('should catch a register declared dead where it is read', () => {
    // int_check_syscall_exit_work tests %edx against _TIF_WORK_SYSCALL_EXIT.
    const { machine, ctx } = subjectOf('v3.13', 'syscall-exit');
    const wrong: Machine = {
      ...machine,
      deadFields: { ...machine.deadFields, int_check_syscall_exit_work: ['work'] },
    };
    expect(firstDependence(wrong, ctx)).toMatch(/^at int_check_syscall_exit_work .*work = 0x/);
  });

  it('should catch pt_regs declared dead where a return reads them', () => {
    // From sysret_signal, SYSCALL_AUDIT goes back to sysret_check by way of sysret_audit; the
    // tracer of a fork's event stop may have left anything there.
    const { machine, ctx } = subjectOf('v3.13', 'syscall');
    const wrong: Machine = {
      ...machine,
      plainSysretFrom: (machine.plainSysretFrom ?? []).filter((l) => l !== 'sysret_check'),
    };
    expect(firstDependence(wrong, ctx)).toMatch(/^at sysret_check .*pt_regs = /);
  });

  it('should catch syscall_work declared dead where the syscall exit work reads it', () => {
    // syscall_exit_to_user_mode reads syscall_work for SYSCALL_WORK_EXIT and the modes it runs.
    const { machine, ctx } = subjectOf('v5.11', 'syscall');
    const wrong: Machine = {
      ...machine,
      deadFields: { ...machine.deadFields, syscall_exit_to_user_mode: ['work', 'syscallWork'] },
    };
    expect(firstDependence(wrong, ctx)).toMatch(/^at syscall_exit_to_user_mode .*syscallWork = 0x[0-9a-f]+/);
  });

  it('should catch %edi declared dead where the loop reads it', () => {
    // int_restore_rest goes back to int_with_check, which reads ti->flags through %edi.
    const { machine, ctx } = subjectOf('v3.13', 'syscall-exit');
    const wrong: Machine = {
      ...machine,
      deadFields: { ...machine.deadFields, int_restore_rest: ['mask', 'work'] },
    };
    expect(firstDependence(wrong, ctx)).toMatch(/^at int_restore_rest .*branch 0 leads to another state/);
  });
});
