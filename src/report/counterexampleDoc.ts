import type { Property } from '../check/property.js';
import type { PropertyId } from '../check/propertyId.js';
import type { CheckResult, FoundBy, Method } from '../check/result.js';
import type { StoredHeader, TreeOrigin } from '../check/subject.js';
import { bitsOf, decompose } from '../flags/decompose.js';
import { hex32 } from '../flags/format.js';
import type { PathId } from '../kernels/pathId.js';
import { seedsNamed } from '../kernels/seeds.js';
import { type ModelContext, type ModelInput, makeContext } from '../model/context.js';
import type { Machine } from '../model/machine.js';
import { machineFor } from '../model/machines/registry.js';
import { kindName, type Root, seccompName } from '../model/root.js';
import type { Run } from '../model/run.js';
import type { SeccompOutcome, SyscallKind } from '../model/state.js';
import { maskArithmetic } from './maskArithmetic.js';
import { maskName, traceLines, traceMermaid } from './traceLines.js';

/** The version of the counterexample JSON; a reader refuses any other. */
export const COUNTEREXAMPLE_SCHEMA = 'tifcheck-counterexample/1';

/** Which model a result is about: a kernel (or header) with edits, and the control flow used. */
export interface SourceInfo {
  readonly kernel: string;
  readonly pathsFrom: string;
  readonly edits: readonly string[];
  readonly raw: boolean;
  /** `none`: searched without events (verify --events none). */
  readonly events?: 'none';
  /** The `--flag-work` assumptions about flags new in a header, where any were given. */
  readonly flagWork?: readonly string[];
  /** Checked as on FRED hardware (`--fred`). */
  readonly fred?: true;
  /** Read from a kernel tree (`--tree`, `--rev`, `--patch`). */
  readonly tree?: TreeOrigin;
  /** A header's hash and its flags and masks, so the report replays without the file. */
  readonly header?: StoredHeader;
  readonly tool: string;
}

export interface TraceEntryDoc {
  readonly step: number;
  readonly label: string;
  readonly irqs: 'on' | 'off';
  readonly frame: 'full' | 'partial';
  readonly flags: string;
  /** Generic entry: ti->syscall_work. */
  readonly syscallWork?: string;
  readonly mask?: string;
  readonly work: string;
  readonly notes: readonly string[];
  readonly events: readonly string[];
}

export interface RunDoc {
  readonly outcome: 'livelock' | 'returned' | 'step-limit' | 'bug' | 'exited';
  readonly trace: readonly TraceEntryDoc[];
  readonly cycleStart?: number;
  readonly returnedBy?: { readonly via: string; readonly at: string; readonly flags: string };
  readonly stoppedBy?: { readonly kind: 'bug' | 'exited'; readonly at: string; readonly what: string };
}

/** For a whole syscall: which syscall runs, and the seccomp outcome where TIF_SECCOMP is set. */
export interface SyscallDoc {
  readonly syscall?: SyscallKind;
  readonly seccomp?: SeccompOutcome;
  /** Generic entry: the syscall modes in ti->syscall_work when the syscall entered (none: absent). */
  readonly syscallWork?: readonly string[];
}

export interface CounterexampleJson extends RunDoc, SyscallDoc {
  readonly flags: readonly string[];
  readonly flagsValue: string;
  readonly events: readonly { readonly at: number; readonly id: string }[];
  readonly message: string;
  /** The trace entry at which the property breaks (not for mask lints, which break no step). */
  readonly step?: number;
  readonly why: readonly string[];
  readonly latent: { readonly flags: readonly string[]; readonly why: readonly string[] };
  readonly reachable?:
    | ({
        readonly kind: 'found';
        readonly flags: readonly string[];
        readonly events: readonly { at: number; id: string }[];
        readonly message: string;
      } & RunDoc &
        SyscallDoc)
    | {
        readonly kind: 'none';
        readonly method: Method;
        readonly initialStates?: number;
        readonly runs?: number;
      };
  readonly masks?: readonly { readonly name: string; readonly bits: string }[];
  /** Each initial flag a real task can have pending where the path begins, and what leaves it so. */
  readonly pendingBy?: readonly { readonly flag: string; readonly by: readonly string[] }[];
  /** What each event of the input stands for, in words. */
  readonly eventsWhat?: readonly { readonly id: string; readonly what: string }[];
  readonly foundBy: FoundBy;
}

/** A mask's definition before and after a fix, as C, and the file that defines it where known. */
export interface DefinitionChange {
  readonly mask: string;
  readonly file?: string;
  readonly before: string;
  readonly after: string;
}

/** One suggested fix: the edits, the definitions they change, and what else they fix. */
export interface FixDoc {
  readonly edits: readonly string[];
  readonly definitions: readonly DefinitionChange[];
  readonly alsoFixes: readonly string[];
}

export interface ViolationDoc {
  readonly path: PathId | null;
  readonly method: Method;
  readonly coverage: CheckResult['coverage'];
  readonly counterexample: CounterexampleJson;
  /** Text lines for people (the trace table and its Mermaid picture), derived from the above. */
  readonly traceText: readonly string[];
  readonly mermaid: readonly string[];
  readonly reachableTraceText?: readonly string[];
  /** The fix search, where it ran: the smallest mask edits that fix this, or why there are none. */
  readonly fixes?: readonly FixDoc[];
  readonly noFix?: string;
}

export interface CounterexampleDoc {
  readonly schema: string;
  readonly tool: string;
  readonly kernel: string;
  readonly pathsFrom: string;
  readonly edits: readonly string[];
  readonly raw: boolean;
  /** Present (`none`) only when the search had no events: replay searches the same way. */
  readonly events?: 'none';
  /** Present only when `--flag-work` was given: replay makes the same assumptions. */
  readonly flagWork?: readonly string[];
  /** Present only when checked as on FRED hardware (`--fred`): replay does the same. */
  readonly fred?: true;
  /** Present only for a kernel tree: replay reads it again. */
  readonly tree?: TreeOrigin;
  /** Present only for a header: replay uses these definitions where the file is gone or changed. */
  readonly header?: StoredHeader;
  readonly property: PropertyId;
  readonly statement: string;
  readonly cite: string;
  readonly notes: readonly string[];
  /** For a pinned kernel: why it happens, whether a real task gets there, what history says. */
  readonly explanation?: readonly string[];
  /** The trees (release, repository, commit) the model's facts were read in; a header's file. */
  readonly readIn?: readonly string[];
  readonly violations: readonly ViolationDoc[];
}

export function flagNames(ctx: ModelContext, value: number): string[] {
  const d = decompose(value, ctx.input.table);
  return d.unnamed === 0 ? [...d.flags] : [...d.flags, `0x${d.unnamed.toString(16)}`];
}

/** The syscall part of a root, for whole syscalls only (an exit path has none). */
export function syscallDoc(machine: Machine, root: Root, ctx: ModelContext): SyscallDoc {
  if (!machine.wholeSyscall) return {};
  const kind = { syscall: kindName(root.kind) };
  const withSeccomp = root.seccomp === 0 ? kind : { ...kind, seccomp: seccompName(root.seccomp) };
  return root.work === 0 ? withSeccomp : { ...withSeccomp, syscallWork: workNames(ctx, root.work) };
}

/** A ti->syscall_work value as names (unnamed bits in hex). */
export function workNames(ctx: ModelContext, value: number): string[] {
  const table = ctx.input.workTable;
  if (table === undefined) return value === 0 ? [] : [`0x${value.toString(16)}`];
  const d = decompose(value, table);
  return d.unnamed === 0 ? [...d.flags] : [...d.flags, `0x${d.unnamed.toString(16)}`];
}

export function runDoc(ctx: ModelContext, machine: Machine, run: Run): RunDoc {
  const trace = run.trace.map((e): TraceEntryDoc => {
    const base = {
      step: e.step,
      label: e.state.label,
      irqs: e.state.irqs ? ('on' as const) : ('off' as const),
      frame: e.state.fullFrame ? ('full' as const) : ('partial' as const),
      flags: ctx.fmt(e.state.flags),
      ...(ctx.input.workTable === undefined ? {} : { syscallWork: ctx.fmtWork(e.state.syscallWork) }),
      work: ctx.fmt(e.state.work),
      notes: e.notes,
      events: e.events.map((x) => x.id),
    };
    return machine.registers.mask === undefined
      ? base
      : { ...base, mask: maskName(ctx, machine, e.state.mask) };
  });
  const doc: RunDoc = { outcome: run.outcome, trace };
  if (run.cycleStart !== undefined) return { ...doc, cycleStart: run.cycleStart };
  if (run.returned !== undefined) {
    return {
      ...doc,
      returnedBy: { via: run.returned.via, at: run.returned.at, flags: ctx.fmt(run.returned.state.flags) },
    };
  }
  if (run.stopped !== undefined) {
    return { ...doc, stoppedBy: { kind: run.stopped.kind, at: run.stopped.at, what: run.stopped.what } };
  }
  return doc;
}

/** The data of one violated result, for JSON output and for the pinned files. */
export function violationDoc(
  ctx: ModelContext,
  machine: Machine | undefined,
  r: Omit<CheckResult, 'property'> & { readonly property: string },
): ViolationDoc {
  const c = r.counterexample;
  if (c === undefined) throw new Error(`${r.property} on ${r.path} holds: no counterexample`);
  const runPart: RunDoc =
    machine === undefined ? { outcome: 'returned', trace: [] } : runDoc(ctx, machine, c.run);
  let reachable: CounterexampleJson['reachable'];
  if (c.reachable?.kind === 'found' && machine !== undefined) {
    reachable = {
      kind: 'found',
      flags: flagNames(ctx, c.reachable.root.flags),
      ...syscallDoc(machine, c.reachable.root, ctx),
      events: c.reachable.events,
      message: c.reachable.message,
      ...runDoc(ctx, machine, c.reachable.run),
    };
  } else if (c.reachable?.kind === 'none') {
    reachable = c.reachable;
  }
  const json: CounterexampleJson = {
    ...runPart,
    flags: flagNames(ctx, c.root.flags),
    flagsValue: hex32(c.root.flags),
    ...(machine === undefined ? {} : syscallDoc(machine, c.root, ctx)),
    events: c.events,
    message: c.message,
    ...(c.masks === undefined ? { step: c.step } : {}),
    why: machine === undefined ? [] : maskArithmetic(ctx, machine, c.root.flags),
    latent: { flags: flagNames(ctx, c.latent.flags), why: c.latent.why },
    ...(reachable === undefined ? {} : { reachable }),
    ...(c.masks === undefined
      ? {}
      : { masks: c.masks.map((m) => ({ name: m.name, bits: `0x${m.bits.toString(16)}` })) }),
    ...pendingAndEvents(ctx, r.path, c.root.flags & ~c.latent.flags, c.events),
    foundBy: c.foundBy,
  };
  return {
    path: r.path,
    method: r.method,
    coverage: r.coverage,
    counterexample: json,
    traceText:
      machine === undefined
        ? []
        : traceLines(ctx, machine, c.run, c.masks === undefined ? c.step : undefined),
    mermaid: machine === undefined ? [] : traceMermaid(c.run),
    ...(c.reachable?.kind === 'found' && machine !== undefined
      ? { reachableTraceText: traceLines(ctx, machine, c.reachable.run, c.reachable.step) }
      : {}),
  };
}

/** `violationDoc` of a result of the subject whose model input this is: its path's context and machine. */
export function violationDocOf(
  input: ModelInput,
  r: Omit<CheckResult, 'property'> & { readonly property: string },
): ViolationDoc {
  const machine = r.path === null ? undefined : machineFor(input.behaviour.exitModel, r.path);
  return violationDoc(makeContext(input, r.path ?? undefined), machine, r);
}

/** Who can leave each reachable initial flag pending, and what each event is. */
function pendingAndEvents(
  ctx: ModelContext,
  path: PathId | null,
  flags: number,
  events: readonly { readonly id: string }[],
): Pick<CounterexampleJson, 'pendingBy' | 'eventsWhat'> {
  const pendingBy =
    path === null
      ? []
      : bitsOf(flags >>> 0).map((b) => {
          const v = (1 << b) >>> 0;
          const by = ctx.setters
            .filter((s) => (s.sets & v) !== 0)
            .filter((s) => s.setter.pendingAt === 'all' || (s.setter.pendingAt ?? []).includes(path))
            .map((s) => s.setter.what);
          if ((ctx.sticky & v) !== 0) by.push('a mode that stays set once it is on');
          return { flag: ctx.fmt(v), by: [...new Set(by)] };
        });
  const eventsWhat = events.map((e) => ({
    id: e.id,
    what: ctx.setters.find((s) => s.id === e.id)?.setter.what ?? e.id,
  }));
  return {
    ...(pendingBy.length === 0 ? {} : { pendingBy }),
    ...(eventsWhat.length === 0 ? {} : { eventsWhat }),
  };
}

export function counterexampleDocument(
  source: SourceInfo,
  prop: Property,
  violations: readonly ViolationDoc[],
  notes: readonly string[],
  about: Pick<CounterexampleDoc, 'explanation' | 'readIn'> = {},
): CounterexampleDoc {
  return {
    schema: COUNTEREXAMPLE_SCHEMA,
    tool: source.tool,
    kernel: source.kernel,
    pathsFrom: source.pathsFrom,
    edits: source.edits,
    raw: source.raw,
    ...(source.events === undefined ? {} : { events: source.events }),
    ...(source.flagWork === undefined ? {} : { flagWork: source.flagWork }),
    ...(source.fred === true ? { fred: true as const } : {}),
    ...(source.tree === undefined ? {} : { tree: source.tree }),
    ...(source.header === undefined ? {} : { header: source.header }),
    property: prop.id,
    statement: prop.statement,
    cite: `${seedsNamed(prop.cite.ref)} [${prop.cite.evidence}]`,
    notes,
    ...(about.explanation === undefined ? {} : { explanation: about.explanation }),
    ...(about.readIn === undefined ? {} : { readIn: about.readIn }),
    violations,
  };
}
