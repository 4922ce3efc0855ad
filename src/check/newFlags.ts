import { err, inputError, ok, type Result } from '../flags/errors.js';
import type { FlagTable } from '../flags/flagTable.js';
import type { Behaviour, NotifyStep, Setter } from '../kernels/behaviour/types.js';
import { inferred } from '../kernels/cite.js';
import { flagsTable } from '../kernels/kernel.js';
import { KERNEL_IDS } from '../kernels/kernelId.js';
import { getKernel } from '../kernels/registry.js';

/**
 * Flags a proposal adds that no built-in kernel knows (a patch that introduces TIF_FOO). The model
 * cannot know what they are for, so it assumes the usual: pending work, set by anyone at any time
 * IRQs are on (and so possibly pending when a path begins), which the return to user mode must not
 * leave pending, cleared only by the work function the proposal routes it to. By default that is
 * the era's general notify-resume work, run for the flag wherever the notify-resume work runs with
 * the flag in its snapshot; `--flag-work FOO=FUNCTION` names another, `--flag-work FOO=none` says
 * nothing clears it. Without this a new flag was silently ignored, and the 2014 UPROBE livelock,
 * made again with a new flag, passed (issue 17).
 */

/** `FOO=FUNCTION` or `FOO=none`, parsed: the flag's bare name, and its work function or none. */
export interface FlagWork {
  readonly flag: string;
  readonly work: string | 'none';
}

const bare = (name: string): string => name.replace(/^_?TIF_/, '');

export function parseFlagWork(text: string): Result<FlagWork> {
  const m = /^\s*(_?TIF_)?([A-Za-z0-9_]+)\s*=\s*([A-Za-z_][A-Za-z0-9_]*)\s*$/.exec(text);
  if (m === null)
    return err(
      inputError('bad-argument', '--flag-work is FLAG=FUNCTION or FLAG=none', {
        kind: 'argument',
        argument: `--flag-work ${text}`,
      }),
    );
  return ok({ flag: bare(m[2] ?? ''), work: m[3] ?? 'none' });
}

export const flagWorkText = (w: FlagWork): string => `${w.flag}=${w.work}`;

let known: Set<string> | undefined;
/** Whether any built-in kernel has a flag of this name. */
export function knownFlag(name: string): boolean {
  if (known === undefined)
    known = new Set(KERNEL_IDS.flatMap((id) => flagsTable(getKernel(id)).flags.map((f) => f.name)));
  return known.has(name);
}

/** The flags of a table that no built-in kernel knows. */
export const newFlagsOf = (table: FlagTable): string[] =>
  table.flags.map((f) => f.name).filter((n) => !knownFlag(n));

/** The era's general notify-resume work: what runs for NOTIFY_RESUME in its loop. */
function resumeWork(b: Behaviour): string {
  return b.doNotifyResume.find((s) => s.flag === 'NOTIFY_RESUME')?.callee ?? 'do_notify_resume';
}

/**
 * The behaviour with pending-work semantics for `flags`, each with its work (`works`, by flag;
 * the default where absent), and a note per flag saying which assumption was used.
 */
export function withNewFlags(
  b: Behaviour,
  flags: readonly string[],
  works: readonly FlagWork[],
  notes: string[],
  bitOf: (name: string) => number | undefined,
): Behaviour {
  if (flags.length === 0) return b;
  const steps: NotifyStep[] = [];
  const setters: Setter[] = [];
  for (const flag of flags) {
    const work = works.find((w) => w.flag === flag)?.work ?? resumeWork(b);
    const given = works.some((w) => w.flag === flag);
    setters.push({
      id: `set_${flag}`,
      what: `something sets TIF_${flag}, a flag new in this proposal`,
      sets: [flag],
      during: 'irqs-on',
      pendingAt: 'all',
      cite: inferred(`TIF_${flag} is new: no built-in kernel has it, so anyone may set it (issue 17)`),
    });
    if (work !== 'none') steps.push({ flag, callee: work, clearing: 'callee' });
    notes.push(
      `TIF_${flag} (bit ${bitOf(flag) ?? '?'}) is new: no built-in kernel has it. Modelled as pending work that may be set before the path and whenever IRQs are on, and must not be pending at the return; ${
        work === 'none'
          ? 'nothing clears it (--flag-work)'
          : `${work}${given ? '' : ", the era's notify-resume work,"} runs for it and clears it where the notify-resume work runs with it in its snapshot${given ? ' (--flag-work)' : ' (say otherwise with --flag-work FLAG=FUNCTION or FLAG=none)'}`
      }`,
    );
  }
  return {
    ...b,
    doNotifyResume: [...b.doNotifyResume, ...steps],
    returnWork: [...b.returnWork, ...flags],
    setters: [...b.setters, ...setters],
  };
}
