import type { Expr } from '../flags/expr.js';
import type { FlagTable } from '../flags/flagTable.js';
import { formatFlags } from '../flags/format.js';
import type { Behaviour, NotifyStep, Occasion, Setter } from '../kernels/behaviour/types.js';
import { readIn } from '../kernels/cite.js';
import type { PathId } from '../kernels/pathId.js';
import { operandBits, testOf } from './operands.js';
import { ALL_FACT_TOKENS, describeFacts } from './registers.js';

/** What the model needs from a kernel or a header: bits, mask values, behaviour. */
export interface ModelInput {
  /** A kernel id, or a header file name. */
  readonly source: string;
  /** The built-in kernel whose control flow is used. */
  readonly pathsFrom: string;
  readonly table: FlagTable;
  readonly masks: ReadonlyMap<string, number>;
  /** For masks tested against another word (syscall_work): that word's table. */
  readonly maskTables?: ReadonlyMap<string, FlagTable>;
  /** Generic entry: ti->syscall_work's table. */
  readonly workTable?: FlagTable;
  /** The masks as written, for the lints that read expressions rather than values. */
  readonly maskExprs?: ReadonlyMap<string, Expr>;
  readonly behaviour: Behaviour;
}

/** A setter with its flags resolved to bits of this kernel. */
export interface CompiledSetter {
  readonly setter: Setter;
  readonly id: string;
  readonly sets: number;
  readonly clears: number;
  /** The same in ti->syscall_work. */
  readonly workSets: number;
  readonly workClears: number;
  /**
   * The setter's `changesRegs` and `skipsSyscall`, as booleans of this object: setters differ in
   * which optional fields they have, and reading those on every IRQ event was a megamorphic load.
   */
  readonly changesRegs: boolean;
  readonly skipsSyscall: boolean;
}

export interface ModelContext {
  readonly input: ModelInput;
  /** The path this context is for: setters restricted to other paths do not act here. */
  readonly path: PathId | undefined;
  /** The value of a flag (1 << bit); 0 when this kernel has no such flag. */
  bit(name: string): number;
  /** A mask's value; the machines only ask for masks `requiredMasks` guarantees. */
  mask(name: string): number;
  /** `NAME|NAME|0x..`, in this kernel's names. */
  fmt(value: number): string;
  /** A flag of ti->syscall_work (1 << bit); 0 when this kernel has no such word or flag. */
  workBit(name: string): number;
  /** A ti->syscall_work value in its names. */
  fmtWork(value: number): string;
  readonly setters: readonly CompiledSetter[];
  /** A setter's number: its index in `setters` plus one (0 for an unknown id). */
  setterNumber(id: string): number;
  readonly byOccasion: Readonly<Record<Occasion, readonly CompiledSetter[]>>;
  readonly returnWork: number;
  /** The flags the C exit loops call schedule() for (behaviour.schedulesOn, by default NEED_RESCHED). */
  readonly reschedule: number;
  readonly sticky: number;
  readonly neverSet: number;
  /** Flags some code can set: a setter's flags and the sticky modes. */
  readonly settable: number;
  /** The same for ti->syscall_work. */
  readonly stickyWork: number;
  readonly settableWork: number;
  /** Flags that can already be pending when `path` begins. */
  pendingAtEntry(path: PathId): number;
  /** The bit of each step's flag, worked out once per list (the exit loops ask at every lap). */
  stepBits(steps: readonly NotifyStep[]): readonly number[];
  /** The bit of each step's own flag (the one its handler clears), worked out once per list. */
  stepFlags(steps: readonly NotifyStep[]): readonly number[];
  /** The flags schedule() clears: the era's `scheduleClears`, by default both reschedule requests. */
  readonly scheduleClears: number;
  /**
   * Whether the rest of the run can still read ti->syscall_work: false past the syscall exit work
   * (`syscallWorkUnread`), where a change to it alone is no change (`hasEffect`).
   */
  readonly syscallWorkRead: boolean;
}

const unreadContexts = new WeakMap<ModelContext, ModelContext>();

/** `ctx` for the steps at which ti->syscall_work is dead (Machine.deadFields); made once per context. */
export function syscallWorkUnread(ctx: ModelContext): ModelContext {
  if (!ctx.syscallWorkRead) return ctx;
  let c = unreadContexts.get(ctx);
  if (c === undefined) {
    c = { ...ctx, syscallWorkRead: false };
    unreadContexts.set(ctx, c);
  }
  return c;
}

/**
 * The run is a 32-bit task's compat syscall: the writers of pt_regs leave a 32-bit task's
 * selectors, the table's functions have their compat names, and seed 001's force_iret() runs the
 * compat return's tests.
 */
export const isCompatTask = (ctx: ModelContext): boolean => ctx.path === 'compat-syscall';

const OCCASIONS: readonly Occasion[] = [
  'irqs-on',
  'ptrace-stop',
  'do_signal',
  'schedule',
  'mce_notify_process',
  'syscall-body',
  'syscall-entry-stop',
  'register-read',
  'compat-arg-fetch',
  'rseq-exit',
  'slice-grant',
  'slice-expiry',
];

/**
 * The values a freely written pt_regs can hold, as events of the occasion where they are read: the
 * same for every kernel, after the kernel's own setters (so that their numbers stay small).
 */
const REGISTER_CHOICES: readonly Setter[] = ALL_FACT_TOKENS.map(({ facts, id }) => ({
  id,
  what: `pt_regs hold ${describeFacts(facts)}`,
  sets: [],
  during: 'register-read',
  cite: readIn('src/model/registers.ts: the register facts the SYSRET and IRET decisions read'),
}));

export function makeContext(input: ModelInput, path?: PathId): ModelContext {
  const bits = new Map(input.table.flags.map((f) => [f.name, (1 << f.bit) >>> 0]));
  const bit = (name: string): number => bits.get(name) ?? 0;
  const union = (names: readonly string[]): number => names.reduce((v, n) => (v | bit(n)) >>> 0, 0);
  const workTable = input.workTable;
  const workBits = new Map((workTable?.flags ?? []).map((f) => [f.name, (1 << f.bit) >>> 0]));
  const workBit = (name: string): number => workBits.get(name) ?? 0;
  const workUnion = (names: readonly string[]): number => names.reduce((v, n) => (v | workBit(n)) >>> 0, 0);
  const setters = [...input.behaviour.setters, ...REGISTER_CHOICES].map((s) => ({
    setter: s,
    id: s.id,
    sets: union(s.sets),
    clears: union(s.clears ?? []),
    workSets: workUnion(s.setsWork ?? []),
    workClears: workUnion(s.clearsWork ?? []),
    changesRegs: s.changesRegs === true,
    skipsSyscall: s.skipsSyscall === true,
  }));
  const actsHere = (s: CompiledSetter): boolean =>
    path === undefined || s.setter.onPaths === undefined || s.setter.onPaths.includes(path);
  const byOccasion = Object.fromEntries(
    OCCASIONS.map((o) => [o, setters.filter((s) => s.setter.during === o && actsHere(s))]),
  ) as Record<Occasion, CompiledSetter[]>;
  const numbers = new Map(setters.map((s, i) => [s.id, i]));
  const sticky = union(input.behaviour.sticky);
  const formatted = new Map<number, string>();
  const settable = setters.reduce((v, s) => (v | s.sets) >>> 0, sticky);
  const stickyWork = workUnion(input.behaviour.stickyWork ?? []);
  const settableWork = setters.reduce((v, s) => (v | s.workSets) >>> 0, stickyWork);
  // A number per step of a list, worked out once per list.
  const perStep = (f: (st: NotifyStep) => number): ((steps: readonly NotifyStep[]) => readonly number[]) => {
    const known = new WeakMap<readonly NotifyStep[], readonly number[]>();
    return (steps) => {
      let b = known.get(steps);
      if (b === undefined) {
        b = steps.map(f);
        known.set(steps, b);
      }
      return b;
    };
  };
  return {
    input,
    path,
    bit,
    mask(name) {
      const v = input.masks.get(name);
      if (v === undefined) throw new Error(`${input.source} has no mask ${name}`);
      return v;
    },
    fmt: (v) => {
      let t = formatted.get(v);
      if (t === undefined) {
        t = formatFlags(v, input.table);
        formatted.set(v, t);
      }
      return t;
    },
    workBit,
    fmtWork: (v) => (workTable === undefined ? `0x${v.toString(16)}` : formatFlags(v, workTable)),
    setters,
    setterNumber: (id) => (numbers.get(id) ?? -1) + 1,
    byOccasion,
    returnWork: union(input.behaviour.returnWork),
    reschedule: union(input.behaviour.schedulesOn ?? ['NEED_RESCHED']),
    sticky,
    neverSet: union(input.behaviour.neverSet),
    settable,
    stickyWork,
    settableWork,
    stepBits: perStep((st) => operandBits(testOf(st), input.table)),
    stepFlags: perStep((st) => bit(st.flag)),
    // Both reschedule requests unless the era says otherwise: handlers/schedule.ts has the facts.
    scheduleClears: union(input.behaviour.scheduleClears ?? ['NEED_RESCHED', 'NEED_RESCHED_LAZY']),
    syscallWorkRead: true,
    pendingAtEntry(path) {
      let v = sticky;
      for (const s of setters) {
        const at = s.setter.pendingAt;
        if (at === 'all' || at?.includes(path)) v = (v | s.sets) >>> 0;
      }
      return v;
    },
  };
}
