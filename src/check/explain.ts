import { err, inputError, ok, type Result } from '../flags/errors.js';
import { didYouMean } from '../flags/names.js';
import { bareFlagName } from '../flags/words.js';
import type { PathId } from '../kernels/pathId.js';
import { type ModelContext, makeContext } from '../model/context.js';
import type { Machine } from '../model/machine.js';
import { machineFor } from '../model/machines/registry.js';
import { kindIndex, type Root, rootOf, seccompIndex } from '../model/root.js';
import { type Run, run, type ScheduledEvent } from '../model/run.js';
import { SECCOMP_OUTCOMES, SYSCALL_KINDS } from '../model/state.js';
import { evaluateRun, type Violation } from './evaluate.js';
import type { Property } from './property.js';
import type { PropertyId } from './propertyId.js';
import type { Subject } from './subject.js';

export interface Explained {
  readonly ctx: ModelContext;
  readonly machine: Machine;
  readonly root: Root;
  readonly events: readonly ScheduledEvent[];
  readonly run: Run;
  /** The properties this one run breaks. */
  readonly broken: readonly { readonly property: PropertyId; readonly violation: Violation }[];
}

/** Flags as the command line gives them: names with or without prefix, or hex bits (`0x200`). */
export function parseFlagList(ctx: ModelContext, text: string, argument: string): Result<number> {
  let v = 0;
  for (const raw of text
    .split(/[,|]/)
    .map((t) => t.trim())
    .filter((t) => t !== '')) {
    if (/^0x[0-9a-fA-F]+$/.test(raw)) {
      const n = Number(raw);
      if (n > 0xffffffff)
        return err(
          inputError('bad-argument', `${raw} does not fit in 32 bits`, { kind: 'argument', argument }),
        );
      v = (v | n) >>> 0;
      continue;
    }
    const name = bareFlagName(raw);
    const bit = ctx.bit(name);
    if (bit === 0 && ctx.workBit(bareFlagName(raw, 'syscall_work')) !== 0) {
      return err(
        inputError(
          'unknown-flag',
          `${raw} is a ti->syscall_work flag in ${ctx.input.source}, not one of ti->flags: give it with --syscall-work`,
          { kind: 'argument', argument },
        ),
      );
    }
    if (bit === 0) {
      const hint = didYouMean(ctx.input.table.bitOf.keys(), name);
      return err(
        inputError('unknown-flag', `unknown flag ${raw} in ${ctx.input.source}${hint ? `; ${hint}` : ''}`, {
          kind: 'argument',
          argument,
        }),
      );
    }
    v = (v | bit) >>> 0;
  }
  return ok(v);
}

/** ti->syscall_work flags as `--syscall-work` gives them: names, bare or as SYSCALL_WORK_X. */
export function parseWorkList(ctx: ModelContext, text: string, argument: string): Result<number> {
  const table = ctx.input.workTable;
  const names = text
    .split(/[,|]/)
    .map((t) => t.trim())
    .filter((t) => t !== '');
  if (names.length === 0) return ok(0);
  const where = { kind: 'argument', argument } as const;
  if (table === undefined)
    return err(
      inputError(
        'bad-argument',
        `${ctx.input.pathsFrom} has no ti->syscall_work (generic entry, 5.11+)`,
        where,
      ),
    );
  let v = 0;
  for (const raw of names) {
    const name = bareFlagName(raw, 'syscall_work');
    const bit = ctx.workBit(name);
    if (bit === 0) {
      const hint = didYouMean(table.bitOf.keys(), name);
      return err(
        inputError('unknown-flag', `unknown ti->syscall_work flag ${raw}${hint ? `; ${hint}` : ''}`, where),
      );
    }
    v = (v | bit) >>> 0;
  }
  return ok(v);
}

/** Events as `id@step,id@step`; ids are the kernel's setters (see `tifcheck list`). */
/** The events a schedule may name on this context's path: the setters that act during a run. */
export const eventIds = (ctx: ModelContext): Set<string> =>
  new Set(ctx.setters.filter((s) => s.setter.during !== undefined).map((s) => s.id));

export function parseEventList(ctx: ModelContext, text: string, argument: string): Result<ScheduledEvent[]> {
  const ids = eventIds(ctx);
  const out: ScheduledEvent[] = [];
  for (const item of text
    .split(',')
    .map((t) => t.trim())
    .filter((t) => t !== '')) {
    const m = /^([A-Za-z_][A-Za-z0-9_.-]*)@([0-9]{1,6})$/.exec(item);
    if (m === null || m[1] === undefined || m[2] === undefined) {
      return err(
        inputError('bad-argument', `an event is ID@STEP, as in signal_wake_up@3 (got ${item})`, {
          kind: 'argument',
          argument,
        }),
      );
    }
    if (!ids.has(m[1])) {
      // The register choices are one family: named by their facts rather than listed one by one.
      const named = [...ids].filter((id) => !id.startsWith('regs.'));
      // The family's syntax is in explain --help: a narrow terminal cuts this list (cli/errorLine.ts).
      const hint = didYouMean(ids, m[1]) ?? `known: ${named.join(' ')} regs.<facts>`;
      return err(
        inputError('bad-argument', `unknown event ${m[1]} for ${ctx.input.pathsFrom}; ${hint}`, {
          kind: 'argument',
          argument,
        }),
      );
    }
    out.push({ at: Number(m[2]), id: m[1] });
  }
  return ok(out.sort((a, b) => a.at - b.at));
}

/**
 * The root of an explained run: flags, and for a whole syscall `--syscall` and `--seccomp` (by name;
 * an ordinary syscall that seccomp allows by default) and, under generic entry, the syscall_work
 * modes (`--syscall-work`). Elsewhere those options are an error.
 */
export function parseRoot(
  machine: Machine,
  flags: number,
  syscall: string | undefined,
  seccomp: string | undefined,
  work = 0,
): Result<Root> {
  const bad = (argument: string, message: string) =>
    err(inputError('bad-argument', message, { kind: 'argument', argument }));
  if (!machine.wholeSyscall) {
    if (syscall !== undefined)
      return bad(`--syscall ${syscall}`, `--syscall applies to the syscall path only, not ${machine.path}`);
    if (seccomp !== undefined)
      return bad(`--seccomp ${seccomp}`, `--seccomp applies to the syscall path only, not ${machine.path}`);
    if (work !== 0)
      return bad('--syscall-work', `--syscall-work applies to the syscall path only, not ${machine.path}`);
    return ok(rootOf(flags));
  }
  const kind = syscall === undefined ? 0 : kindIndex(syscall);
  if (kind < 0)
    return bad(`--syscall ${syscall}`, `unknown syscall kind ${syscall}; known: ${SYSCALL_KINDS.join(' ')}`);
  const outcome = seccomp === undefined ? 0 : seccompIndex(seccomp);
  if (outcome < 0)
    return bad(
      `--seccomp ${seccomp}`,
      `unknown seccomp outcome ${seccomp}; known: ${SECCOMP_OUTCOMES.join(' ')}`,
    );
  return ok(rootOf(flags, kind, outcome, work));
}

/** The machine of a path of the subject's kernel, or an error naming what it models. */
export function machineOf(subject: Subject, path: PathId): Result<Machine> {
  const behaviour = subject.input.behaviour;
  const machine = behaviour.paths.includes(path) ? machineFor(behaviour.exitModel, path) : undefined;
  if (machine !== undefined) return ok(machine);
  return err(
    inputError(
      'unknown-path',
      `kernel ${subject.pathsFrom} does not model path ${path}; it models ${behaviour.paths.join(', ') || 'masks only'}`,
      { kind: 'argument', argument: `--path ${path}` },
    ),
  );
}

/** One run of one path from a root and events, and what it breaks. */
export function explainRun(
  subject: Subject,
  path: PathId,
  root: Root,
  events: readonly ScheduledEvent[],
  properties: readonly Property[],
): Result<Explained> {
  const m = machineOf(subject, path);
  if (!m.ok) return m;
  const machine = m.value;
  const ctx = makeContext(subject.input, path);
  const r = run(machine, ctx, root, events);
  const broken = properties.flatMap((p) => {
    if (p.kind !== 'path' || !p.appliesTo(machine, ctx)) return [];
    const v = evaluateRun(p, ctx, r);
    return v === undefined ? [] : [{ property: p.id, violation: v }];
  });
  return ok({ ctx, machine, root, events, run: r, broken });
}
