import { match } from 'ts-pattern';
import type { ModelContext } from '../../context.js';
import { auditSyscallExit } from '../../handlers/auditExit.js';
import { doNotifyResume } from '../../handlers/doNotifyResume.js';
import { returnDecision, slowPathRule } from '../../handlers/returnDecision.js';
import { schedule } from '../../handlers/schedule.js';
import { syscallTraceLeave } from '../../handlers/syscallTraceLeave.js';
import { type DeadField, initialState, type Machine } from '../../machine.js';
import { begin, goto, irqsOff, irqsOn, note, update } from '../../pending.js';
import type { ModelState } from '../../state.js';
import type { Branch } from '../../transition.js';
import { type Arm, armTable } from '../arms.js';
import { readFlags } from '../readFlags.js';
import { RETINT_SWAPGS } from './retint.js';

/**
 * The 3.x syscall return of arch/x86/kernel/entry_64.S (kernel-facts.md §3, read in 3.13-3.18
 * copies): the SYSRET fast path and the IRET path it falls back to. %edi holds the mask being
 * applied, %edx the snapshot flags & %edi taken with IRQs off.
 */
export const SYSCALL_EXIT_LABELS = [
  'ret_from_sys_call',
  'sysret_check',
  'sysret_careful',
  'sysret_signal',
  'sysret_audit',
  'int_ret_from_sys_call',
  'int_ret_from_sys_call_irqs_off',
  'int_with_check',
  'int_careful',
  'int_very_careful',
  'int_check_syscall_exit_work',
  'int_signal',
  'int_restore_rest',
] as const;
export type SyscallExitLabel = (typeof SYSCALL_EXIT_LABELS)[number];

const ALLWORK = '_TIF_ALLWORK_MASK';
const WORK = '_TIF_WORK_MASK';
const EXIT = '_TIF_WORK_SYSCALL_EXIT';
const DO_NOTIFY = '_TIF_DO_NOTIFY_MASK';
/** The fast path's SYSRET; its IRET side is never taken. */
const SYSRET_CHECK = { sysret: 'sysret_check', iret: 'sysret_check' };
/** 4.0's fast path, where ret_from_sys_call itself returns by SYSRET. */
const RET_FROM_SYS_CALL = { sysret: 'ret_from_sys_call', iret: 'ret_from_sys_call' };

/**
 * Where %edi or %edx is loaded before it is next read: %edi at the labels that set it, %edx at the
 * labels that lead to a flags read (sysret_check, int_with_check) without testing it first.
 */
export const SYSCALL_EXIT_DEAD: Partial<Record<SyscallExitLabel, readonly DeadField[]>> = {
  ret_from_sys_call: ['mask', 'work'],
  sysret_check: ['work'],
  sysret_audit: ['mask', 'work'],
  int_ret_from_sys_call: ['mask', 'work'],
  int_ret_from_sys_call_irqs_off: ['mask', 'work'],
  int_with_check: ['work'],
  int_signal: ['mask'],
  int_restore_rest: ['work'],
};

/** The labels that can still reach sysret_check (sysret_signal by way of sysret_audit). */
export const SYSRET_FAST_PATH: readonly SyscallExitLabel[] = [
  'ret_from_sys_call',
  'sysret_check',
  'sysret_careful',
  'sysret_signal',
  'sysret_audit',
];

export const asmSyscallExit: Machine<SyscallExitLabel> = {
  path: 'syscall-exit',
  family: 'asm-3x',
  labels: SYSCALL_EXIT_LABELS,
  registers: { mask: '%edi', work: '%edx' },
  masks: [ALLWORK, WORK, EXIT, DO_NOTIFY],
  isSyscall: true,
  wholeSyscall: false,
  deadFields: SYSCALL_EXIT_DEAD,
  plainSysretFrom: SYSRET_FAST_PATH,
  start: (ctx, { flags }) =>
    // The body returned on the fast path: IRQs on, a partial frame, top of stack not fixed up.
    initialState('ret_from_sys_call', flags, {
      irqs: true,
      fullFrame: false,
      topOfStack: false,
      auditInSyscall: (flags & ctx.bit('SYSCALL_AUDIT')) !== 0,
    }),
  step: stepSyscallExit,
};

const ARMS = armTable(SYSCALL_EXIT_LABELS, (label) =>
  match<SyscallExitLabel, Arm<SyscallExitLabel>>(label)
    .with('ret_from_sys_call', () => (_s, p, ctx) => {
      if (ctx.input.behaviour.syscallFastExit !== 'iret-path')
        return [
          goto(note(update(p, { mask: ctx.mask(ALLWORK) }), '%edi = _TIF_ALLWORK_MASK'), 'sysret_check'),
        ];
      // 4.0: the flags against _TIF_ALLWORK_MASK itself, IRQs off; any work leaves for the IRET path.
      const q = readFlags(irqsOff(p), ctx.mask(ALLWORK), ctx, true, '%edx');
      if (q.s.work === 0) return returnDecision(q, 'sysret', RET_FROM_SYS_CALL);
      return [
        goto(
          note(
            update(q, { topOfStack: true }),
            'int_ret_from_sys_call_fixup: FIXUP_TOP_OF_STACK; IRQs stay off',
          ),
          'int_ret_from_sys_call_irqs_off',
        ),
      ];
    })
    .with('sysret_check', () => (s, p, ctx) => {
      const q = readFlags(irqsOff(p), s.mask, ctx, true, '%edx');
      return q.s.work !== 0 ? [goto(q, 'sysret_careful')] : returnDecision(q, 'sysret', SYSRET_CHECK);
    })
    .with('sysret_careful', () => (s, p, ctx, bit) => {
      if ((s.work & bit('NEED_RESCHED')) === 0)
        return [goto(note(p, 'no NEED_RESCHED in %edx'), 'sysret_signal')];
      // Back to sysret_check with IRQs still on; sysret_check disables them itself.
      return schedule(note(irqsOn(p), 'NEED_RESCHED: IRQs on, save %edi'), ctx).map((b) =>
        goto(b, 'sysret_check'),
      );
    })
    .with('sysret_signal', () => (s, p, ctx, bit) => {
      const q = irqsOn(p);
      if (ctx.input.behaviour.auditSyscall && (s.work & bit('SYSCALL_AUDIT')) !== 0) {
        return [goto(note(q, 'IRQs on; SYSCALL_AUDIT in %edx'), 'sysret_audit')];
      }
      return [
        goto(
          note(update(q, { topOfStack: true }), 'IRQs on; FIXUP_TOP_OF_STACK'),
          'int_check_syscall_exit_work',
        ),
      ];
    })
    .with('sysret_audit', () => (_s, p, ctx, bit) => {
      const q = auditSyscallExit(p, ctx, '__audit_syscall_exit');
      const mask = (ctx.mask(ALLWORK) & ~bit('SYSCALL_AUDIT')) >>> 0;
      return [
        goto(note(update(q, { mask }), '%edi = _TIF_ALLWORK_MASK & ~_TIF_SYSCALL_AUDIT'), 'sysret_check'),
      ];
    })
    .with('int_ret_from_sys_call', () => (_s, p, ctx) => [
      goto(
        note(update(irqsOff(p), { mask: ctx.mask(ALLWORK) }), 'IRQs off; %edi = _TIF_ALLWORK_MASK'),
        'int_with_check',
      ),
    ])
    .with('int_ret_from_sys_call_irqs_off', () => (_s, p, ctx) => [
      goto(note(update(p, { mask: ctx.mask(ALLWORK) }), '%edi = _TIF_ALLWORK_MASK'), 'int_with_check'),
    ])
    .with('int_with_check', () => (s, p, ctx) => {
      const q = readFlags(p, s.mask, ctx, true, '%edx');
      return q.s.work !== 0
        ? [goto(q, 'int_careful')]
        : returnDecision(note(q, 'clear TS_COMPAT'), slowPathRule(ctx.input.behaviour), RETINT_SWAPGS);
    })
    .with('int_careful', () => (s, p, ctx, bit) => {
      if ((s.work & bit('NEED_RESCHED')) === 0)
        return [goto(note(p, 'no NEED_RESCHED in %edx'), 'int_very_careful')];
      return schedule(note(irqsOn(p), 'NEED_RESCHED: IRQs on, save %edi'), ctx).map((b) =>
        goto(note(irqsOff(b), 'IRQs off'), 'int_with_check'),
      );
    })
    .with('int_very_careful', () => (_s, p) => [
      goto(note(irqsOn(p), 'IRQs on'), 'int_check_syscall_exit_work'),
    ])
    .with('int_check_syscall_exit_work', () => (s, p, ctx, bit) => {
      const q = note(update(p, { fullFrame: true }), 'SAVE_REST');
      const exit = ctx.mask(EXIT);
      if ((s.work & exit) === 0) return [goto(note(q, '%edx & _TIF_WORK_SYSCALL_EXIT = 0'), 'int_signal')];
      const off = (exit | bit('SYSCALL_EMU')) >>> 0;
      return syscallTraceLeave(
        note(q, () => `%edx & _TIF_WORK_SYSCALL_EXIT = ${ctx.fmt(s.work & exit)}`),
        ctx,
      ).map((b) =>
        goto(
          note(
            update(b, { mask: (b.s.mask & ~off) >>> 0 }),
            '%edi &= ~(_TIF_WORK_SYSCALL_EXIT|_TIF_SYSCALL_EMU)',
          ),
          'int_restore_rest',
        ),
      );
    })
    .with('int_signal', () => (s, p, ctx) => {
      const work = ctx.mask(WORK);
      const dn = s.work & ctx.mask(DO_NOTIFY);
      if (dn === 0) {
        return [
          goto(
            note(
              update(p, { mask: work }),
              '%edx & _TIF_DO_NOTIFY_MASK = 0: do_notify_resume not called; %edi = _TIF_WORK_MASK',
            ),
            'int_restore_rest',
          ),
        ];
      }
      return doNotifyResume(p, ctx, s.work).map((b) =>
        goto(note(update(b, { mask: work }), '%edi = _TIF_WORK_MASK'), 'int_restore_rest'),
      );
    })
    .with('int_restore_rest', () => (_s, p) => [
      goto(note(irqsOff(update(p, { fullFrame: false })), 'RESTORE_REST; IRQs off'), 'int_with_check'),
    ])
    .exhaustive(),
);

export function stepSyscallExit(
  s: ModelState<SyscallExitLabel>,
  ctx: ModelContext,
): Branch<SyscallExitLabel>[] {
  return ARMS[s.label](s, begin(s), ctx, ctx.bit);
}
