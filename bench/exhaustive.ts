import { performance } from 'node:perf_hooks';
import { PROPERTIES } from '../properties/registry.js';
import { domainOf } from '../src/check/domain.js';
import { explore } from '../src/check/exhaustive.js';
import type { PathProperty } from '../src/check/property.js';
import { KERNEL_IDS, type KernelId } from '../src/kernels/kernelId.js';
import type { PathId } from '../src/kernels/pathId.js';
import { getKernel } from '../src/kernels/registry.js';
import { makeContext } from '../src/model/context.js';
import { contextOfKernel } from '../src/model/fromKernel.js';
import type { Machine } from '../src/model/machine.js';
import { machineFor } from '../src/model/machines/registry.js';

export interface ExhaustiveRow {
  readonly kernel: string;
  readonly path: string;
  readonly domainBits: number;
  readonly initialStates: number;
  readonly states: number;
  readonly seconds: number;
  readonly statesPerSecond: number;
  /** JS heap and typed arrays (the packed states) in use when the search returns. */
  readonly memMiB: number;
}

/**
 * One path's search as verify makes it, every applicable property at once (a kernel where all of
 * them hold is explored completely; that is the cost of a proof), timed as the best of three runs:
 * one machine's timing noise is larger than the differences we look for.
 */
function timedSearch(
  id: KernelId,
  path: PathId,
  machine: Machine,
  props: readonly PathProperty[],
): ExhaustiveRow {
  const ctx = makeContext(contextOfKernel(getKernel(id)).input, path);
  const domain = domainOf(ctx, machine, false);
  const applicable = props.filter((p) => p.appliesTo(machine, ctx));
  let seconds = Number.POSITIVE_INFINITY;
  let memMiB = 0;
  let ex: ReturnType<typeof explore> | undefined;
  for (let i = 0; i < 3; i++) {
    global.gc?.();
    const used = () => process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;
    const before = used();
    const t0 = performance.now();
    ex = explore(machine, ctx, applicable, domain);
    seconds = Math.min(seconds, (performance.now() - t0) / 1000);
    memMiB = Math.max(memMiB, Math.max(0, used() - before) / 2 ** 20);
  }
  const states = ex?.states ?? 0;
  return {
    kernel: id,
    path,
    domainBits: domain.bits.length + domain.workBits.length,
    initialStates: ex?.initialStates ?? 0,
    states,
    seconds,
    statesPerSecond: states / seconds,
    memMiB,
  };
}

const pathProperties = (): PathProperty[] =>
  Object.values(PROPERTIES).filter((p): p is PathProperty => p.kind === 'path');

/** Exhaustive exploration (phase A: the verdicts) of every modelled path of every kernel. */
export function benchExhaustive(): ExhaustiveRow[] {
  const props = pathProperties();
  const rows: ExhaustiveRow[] = [];
  for (const id of KERNEL_IDS)
    for (const path of getKernel(id).behaviour.paths) {
      const machine = machineFor(getKernel(id).behaviour.exitModel, path);
      if (machine !== undefined) rows.push(timedSearch(id, path, machine, props));
    }
  return rows;
}

/**
 * The largest searches on the states they had before ti->syscall_work was merged where it is dead
 * (ed8cf24): the same machine with that merge turned off, so that states per second compare with
 * earlier measurements of those very states (issue 15 asks for the rate on the same states).
 */
export function benchUnmerged(ids: readonly KernelId[] = ['v6.14', 'v6.19']): ExhaustiveRow[] {
  const props = pathProperties();
  const rows: ExhaustiveRow[] = [];
  for (const id of ids) {
    const m = machineFor(getKernel(id).behaviour.exitModel, 'syscall');
    if (m === undefined) continue;
    const deadFields = Object.fromEntries(
      Object.entries(m.deadFields ?? {}).map(([label, fields]) => [
        label,
        (fields ?? []).filter((f) => f !== 'syscallWork'),
      ]),
    );
    rows.push(timedSearch(id, 'syscall', { ...m, deadFields }, props));
  }
  return rows;
}
