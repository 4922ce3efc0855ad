import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { PROPERTIES } from '../properties/registry.js';
import { domainOf } from '../src/check/domain.js';
import { explore } from '../src/check/exhaustive.js';
import type { PathProperty } from '../src/check/property.js';
import { kernelSubject } from '../src/check/subject.js';
import { unwrap } from '../src/flags/errors.js';
import { getKernel } from '../src/kernels/registry.js';
import { makeContext } from '../src/model/context.js';
import { machineFor } from '../src/model/machines/registry.js';

/**
 * The same question put to SPIN and to tifcheck: does the v3.13 syscall-exit work loop
 * (int_ret_from_sys_call .. the return to user) terminate from every initial ti->flags? SPIN gets
 * ../shared/anchors/exit313.pml, a Promela model of that loop alone, compiled to `pan` and
 * searched for non-progress cycles (pan -l); tifcheck gets its v3.13 syscall-exit machine and the
 * exit-terminates property. Skipped, with a note, where spin or gcc is not installed (Debian
 * package `spin`). The models are not the same: the anchor has one loop and 13 flags and no
 * pt_regs, tracer or register facts; tifcheck's machine is the whole path with its frame and
 * pt_regs state, its domain the 12 flags some code can set. Its events are the kernel's setters,
 * unbounded; the anchor's ASYNC is NEED_RESCHED or SIGPENDING, at most K = 3 times.
 */
export interface SpinRow {
  readonly question: string;
  readonly spin: {
    readonly states: number;
    /** pan's run as a process, start to exit (best of three). */
    readonly seconds: number;
    /** The search alone, as pan reports it (to its 10 ms resolution). */
    readonly searchSeconds: number;
    /** spin -a and gcc, once. */
    readonly buildSeconds: number;
    readonly violated: boolean;
  };
  readonly tifcheck: {
    readonly states: number;
    readonly seconds: number;
    readonly violated: boolean;
    readonly flags: number;
  };
}

export type SpinBench = { readonly rows: readonly SpinRow[] } | { readonly skipped: string };

interface Question {
  readonly question: string;
  readonly defines: readonly string[];
  readonly edits: readonly string[];
  readonly events: boolean;
  readonly raw: boolean;
}

const QUESTIONS: readonly Question[] = [
  {
    question: 'fixed mask (UPROBE in _TIF_DO_NOTIFY_MASK), no events: the proof',
    defines: ['-DFIXED'],
    edits: ['_TIF_DO_NOTIFY_MASK+=UPROBE'],
    events: false,
    raw: false,
  },
  {
    question: "v3.13's mask, no events: the solitary UPROBE livelock",
    defines: [],
    edits: [],
    events: false,
    raw: false,
  },
  {
    question: 'fixed mask, the never-defined low bits too (--raw), no events',
    defines: ['-DFIXED', '-DRAW'],
    edits: ['_TIF_DO_NOTIFY_MASK+=UPROBE'],
    events: false,
    raw: true,
  },
  {
    question: 'fixed mask, with events (SPIN: ASYNC, K = 3; tifcheck: every setter, unbounded)',
    defines: ['-DFIXED', '-DASYNC'],
    edits: ['_TIF_DO_NOTIFY_MASK+=UPROBE'],
    events: true,
    raw: false,
  },
];

const found = (cmd: string, arg: string): boolean => spawnSync(cmd, [arg], { stdio: 'ignore' }).status === 0;

export function benchSpin(): SpinBench {
  const model = fileURLToPath(new URL('../../../shared/anchors/exit313.pml', import.meta.url));
  if (!existsSync(model)) return { skipped: `no ${model}` };
  if (!found('spin', '-V') || !found('gcc', '--version'))
    return { skipped: 'spin or gcc is not installed (Debian: apt-get install spin gcc)' };
  const dir = mkdtempSync(join(tmpdir(), 'tifcheck-spin-'));
  try {
    copyFileSync(model, join(dir, 'exit313.pml'));
    return {
      rows: QUESTIONS.map((q) => ({ question: q.question, spin: runSpin(dir, q), tifcheck: runTifcheck(q) })),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function runSpin(dir: string, q: Question): SpinRow['spin'] {
  const t0 = performance.now();
  const gen = spawnSync('spin', [...q.defines, '-a', 'exit313.pml'], { cwd: dir, encoding: 'utf8' });
  const cc = spawnSync('gcc', ['-O2', '-DNP', '-o', 'pan', 'pan.c'], { cwd: dir, encoding: 'utf8' });
  if (gen.status !== 0 || cc.status !== 0) throw new Error(`spin/gcc failed: ${gen.stderr}${cc.stderr}`);
  const buildSeconds = (performance.now() - t0) / 1000;
  // pan's own search, best of three: a run is a fraction of a second.
  let seconds = Number.POSITIVE_INFINITY;
  let out = '';
  for (let i = 0; i < 3; i++) {
    const t1 = performance.now();
    out = spawnSync('./pan', ['-l'], { cwd: dir, encoding: 'utf8' }).stdout;
    seconds = Math.min(seconds, (performance.now() - t1) / 1000);
  }
  const states = Number(/(\d+) states, stored/.exec(out)?.[1] ?? Number.NaN);
  const errors = Number(/errors: (\d+)/.exec(out)?.[1] ?? Number.NaN);
  const searchSeconds = Number(/elapsed time ([\d.e+-]+) seconds/.exec(out)?.[1] ?? Number.NaN);
  return { states, seconds, searchSeconds, buildSeconds, violated: errors > 0 };
}

function runTifcheck(q: Question): SpinRow['tifcheck'] {
  const subject = unwrap(kernelSubject(getKernel('v3.13'), q.edits), 'v3.13');
  const machine = machineFor(subject.input.behaviour.exitModel, 'syscall-exit');
  if (machine === undefined) throw new Error('v3.13 has no syscall-exit');
  const ctx = makeContext(subject.input, 'syscall-exit');
  const domain = domainOf(ctx, machine, q.raw);
  const prop = PROPERTIES['exit-terminates'] as PathProperty;
  let seconds = Number.POSITIVE_INFINITY;
  let ex: ReturnType<typeof explore> | undefined;
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    ex = explore(machine, ctx, [prop], domain, undefined, q.events);
    seconds = Math.min(seconds, (performance.now() - t0) / 1000);
  }
  if (ex === undefined) throw new Error('no exploration');
  return { states: ex.states, seconds, violated: ex.found.has(prop.id), flags: domain.bits.length };
}
