import type { Behaviour, ExitModel } from '../kernels/behaviour/types.js';
import type { PathId } from '../kernels/pathId.js';
import { type CompiledSetter, type ModelContext, syscallWorkUnread } from './context.js';
import type { ReturnRule } from './handlers/returnDecision.js';
import {
  labelCode,
  labelOfCode,
  MASK_WORD,
  packedLabel,
  packedRegs,
  packState,
  REGS_VALUES,
  STATE_WORDS,
  SYSCALL_WORK_WORD,
  sameWords,
  setPackedRegs,
  unpackState,
  WORK_WORD,
} from './packedState.js';
import { ptRegsCanon } from './ptRegsClasses.js';
import { SYSCALL_REGS, USER_REGS } from './registers.js';
import type { Root } from './root.js';
import type { ModelState } from './state.js';
import type { Branch } from './transition.js';

/** One path of one family of kernels, as a state machine over the kernel's labels. */
export interface Machine<L extends string = string> {
  readonly path: PathId;
  readonly family: ExitModel;
  readonly labels: readonly L[];
  /** How the asm names the mask and snapshot registers, for traces. */
  readonly registers: { readonly mask?: string; readonly work: string };
  /** Masks this machine tests; a header used with it must define each. */
  readonly masks: readonly string[];
  /** A syscall's return: the syscall exit work (audit, tracepoint, ptrace report) is owed. */
  readonly isSyscall: boolean;
  /** A whole syscall: its roots also choose the syscall and the seccomp outcome. */
  readonly wholeSyscall: boolean;
  /**
   * The flags a run may begin with, before the check layer keeps only those some code can set.
   * By default every bit of the machine's masks.
   */
  initialFlags?(ctx: ModelContext): number;
  /**
   * Generic entry's whole syscalls: the ti->syscall_work modes a run may begin with, before the
   * check layer keeps only those some code can set. None by default.
   */
  initialWork?(ctx: ModelContext): number;
  /**
   * States at which asynchronous (IRQs-on) events are not explored, though IRQs are on: see the
   * whole-syscall machines for why that loses nothing.
   */
  defersEvents?(s: ModelState<L>): boolean;
  /**
   * State no later step reads before writing it again, by label: registers (the label's own step,
   * and each label it goes to before a read, loads them first), and ti->syscall_work once the
   * syscall exit work has read it (the next read is the next syscall's entry, beyond the run). The
   * explorer compares states with these zeroed (`withoutDeadFields`), so states that differ only
   * in a stale %edx or %edi, or in modes set for the next syscall, are one; the model keeps the
   * values, so traces still show them. Where syscall_work is dead a step runs in a context that
   * says so (`stepIn`), so that no branch depends on it either. Checked against the step functions
   * by properties/deadRegisters.test.ts.
   */
  readonly deadFields?: Partial<Record<L, readonly DeadField[]>>;
  /**
   * The labels at which pt_regs are kept exact: those from which the run can still reach a return
   * that reads pt_regs whatever the kernel's slow-path rule (the fast path's plain SYSRET), and
   * generic entry's labels before the syscall body, whose event stops tell writers apart. Where the slow path always returns by
   * IRET (3.x), pt_regs are dead at every other label, and the explorer merges states that differ
   * only in them (`withoutDeadFields`); absent, pt_regs are always live.
   */
  readonly plainSysretFrom?: readonly L[];
  /** How this path's returns after those labels decide; by default the kernel's slow-path rule. */
  returnRule?(ctx: ModelContext): ReturnRule;
  start(ctx: ModelContext, root: Root): ModelState<L>;
  /** The first branch is the deterministic one (no environment event); the rest are choices. */
  step(s: ModelState<L>, ctx: ModelContext): Branch<L>[];
}

/**
 * The state fields a label can declare dead: the mask register (%edi), the snapshot (%edx, ti_work)
 * and ti->syscall_work.
 */
export type DeadField = 'mask' | 'work' | 'syscallWork';

/** The labels of `dead` at which ti->syscall_work is dead. */
function syscallWorkDeadAt(dead: Partial<Record<string, readonly DeadField[]>>): ReadonlySet<string> {
  return new Set(
    Object.entries(dead)
      .filter(([, fields]) => fields?.includes('syscallWork'))
      .map(([label]) => label),
  );
}

/**
 * A machine's step wrapped so that, at the labels where `dead` declares ti->syscall_work dead, it
 * runs in the context that says so (model/context.ts, `syscallWorkUnread`): there a tracer's
 * request or an event that changes nothing but syscall_work changes nothing the run can see, and
 * is not a branch of its own. Without this the explorer's state, whose syscall_work is zeroed,
 * would branch where the real one does not.
 */
export function stepIn<L extends string>(
  dead: Partial<Record<L, readonly DeadField[]>>,
  step: (s: ModelState<L>, ctx: ModelContext) => Branch<L>[],
): (s: ModelState<L>, ctx: ModelContext) => Branch<L>[] {
  const unread = syscallWorkDeadAt(dead);
  return (s, ctx) => step(s, unread.has(s.label) ? syscallWorkUnread(ctx) : ctx);
}

/**
 * For the explorer: a function that rewrites a packed state (model/packedState.ts) in place with
 * its dead fields zeroed and pt_regs in the canonical form of their class
 * (model/ptRegsClasses.ts); built once per machine and context.
 */
export function canonicalWords(m: Machine, ctx: ModelContext): (w: Int32Array, at: number) => void {
  // Per label code: bit 0, %edi (mask) is dead; bit 1, the snapshot (work); bit 2, syscall_work.
  const dead: number[] = [];
  for (const [label, fields] of Object.entries(m.deadFields ?? {}) as [string, readonly DeadField[]][]) {
    dead[labelCode(label)] =
      (fields.includes('mask') ? 1 : 0) |
      (fields.includes('work') ? 2 : 0) |
      (fields.includes('syscallWork') ? 4 : 0);
  }
  const canonRegs = ptRegsCanon(m, ctx);
  // Per label code, each pt_regs value's canonical form, filled in as values are met (-1: not yet).
  const canonAt: Int16Array[] = [];
  return (w, at) => {
    const code = packedLabel(w, at);
    const d = dead[code] ?? 0;
    if ((d & 1) !== 0) w[at + MASK_WORD] = 0;
    if ((d & 2) !== 0) w[at + WORK_WORD] = 0;
    if ((d & 4) !== 0) w[at + SYSCALL_WORK_WORD] = 0;
    const regs = packedRegs(w, at);
    let table = canonAt[code];
    if (table === undefined) {
      table = new Int16Array(REGS_VALUES).fill(-1);
      canonAt[code] = table;
    }
    let canon = table[regs] as number;
    if (canon < 0) {
      canon = canonRegs(labelOfCode(code), regs);
      table[regs] = canon;
    }
    if (canon !== regs) setPackedRegs(w, at, canon);
  };
}

/** The same on a state object: the state itself when nothing changes. */
export function withoutDeadFields(m: Machine, ctx: ModelContext): (s: ModelState) => ModelState {
  const canon = canonicalWords(m, ctx);
  const before = new Int32Array(STATE_WORDS);
  const after = new Int32Array(STATE_WORDS);
  return (s) => {
    packState(s, before, 0);
    after.set(before);
    canon(after, 0);
    return sameWords(before, 0, after, 0) ? s : unpackState(after, 0);
  };
}

const NO_SETTERS: readonly CompiledSetter[] = [];

/** The asynchronous events that can act before the next step from `s`. */
export function asyncEventsAt(m: Machine, s: ModelState, ctx: ModelContext): readonly CompiledSetter[] {
  if (!s.irqs || m.defersEvents?.(s) === true) return NO_SETTERS;
  return ctx.byOccasion['irqs-on'];
}

/**
 * The masks a path of this kernel tests: the machine's, and on generic entry those the era's
 * exit adds (6.19's loop mask, 7.0's slice-extension deny mask, 7.1's per-path masks and the
 * hrtimer rearm test).
 */
export function pathMasks(m: Machine, b: Behaviour): readonly string[] {
  if (m.family !== 'generic') return m.masks;
  const extra = [
    b.exitMasks?.syscall,
    b.exitMasks?.irq,
    b.hrtimerRearm?.rearmMask,
    b.rseq?.loopMask,
    b.sliceExtension?.deny,
  ].filter((x): x is string => x !== undefined && !m.masks.includes(x));
  return extra.length === 0 ? m.masks : [...m.masks, ...new Set(extra)];
}

/** The flags a machine's runs may begin with, before filtering by what can be set. */
export function initialFlagsOf(m: Machine, ctx: ModelContext): number {
  return (
    m.initialFlags?.(ctx) ??
    pathMasks(m, ctx.input.behaviour).reduce((v, name) => (v | ctx.mask(name)) >>> 0, 0)
  );
}

/** A fresh state at a path's first label. */
export function initialState<L extends string>(
  label: L,
  flags: number,
  init: {
    irqs: boolean;
    fullFrame: boolean;
    topOfStack: boolean;
    auditInSyscall: boolean;
    /** pt_regs as the entry left them; by default as SYSCALL builds them. */
    regs?: number;
  },
  syscall: { kind: number; seccomp: number; work?: number } = { kind: 0, seccomp: 0 },
): ModelState<L> {
  // In the order of copyState's fields, so that every state has one shape (see copyState).
  return {
    label,
    flags: flags >>> 0,
    syscallWork: (syscall.work ?? 0) >>> 0,
    mask: 0,
    work: 0,
    irqs: init.irqs,
    fullFrame: init.fullFrame,
    topOfStack: init.topOfStack,
    regsChanged: false,
    regs: init.regs ?? SYSCALL_REGS,
    auditInSyscall: init.auditInSyscall,
    lastReadIrqsOff: false,
    owed: 0,
    done: 0,
    sampled: false,
    kind: syscall.kind,
    seccomp: syscall.seccomp,
    nrSkip: false,
    fastPath: false,
    entrySkipped: false,
    sliceGranted: false,
    entry: 0,
    entryFlags: 0,
    entryEvents: 0,
  };
}

/**
 * A fresh state of a return from an interrupt or exception taken in user mode: the hardware frame
 * is complete (top of stack), no syscall is open for audit, and pt_regs hold whatever the
 * interrupted code had.
 */
export function fromUserMode<L extends string>(
  label: L,
  flags: number,
  frame: { irqs: boolean; fullFrame: boolean },
): ModelState<L> {
  return initialState(label, flags, {
    irqs: frame.irqs,
    fullFrame: frame.fullFrame,
    topOfStack: true,
    auditInSyscall: false,
    regs: USER_REGS,
  });
}

/**
 * A machine with its label type forgotten, for registries. Safe because a machine only ever sees
 * states it made itself (its start state and the states its own step returns).
 */
export function anyMachine<L extends string>(m: Machine<L>): Machine {
  return m as unknown as Machine;
}
