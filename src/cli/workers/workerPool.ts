import { MessageChannel, type MessagePort, receiveMessageOnPort, Worker } from 'node:worker_threads';
import { PROPERTIES } from '../../../properties/registry.js';
import type { JobRunner, PathJob } from '../../check/pathJobs.js';
import type { PropertyId } from '../../check/propertyId.js';
import type { CheckResult } from '../../check/result.js';
import { IN_PROCESS } from '../../check/verify.js';
import type { JobMessage, ResultMessage } from './protocol.js';

interface Slot {
  readonly worker: Worker;
  readonly port: MessagePort;
  /** The job it runs, or -1. */
  busy: number;
}

/**
 * A JobRunner over `size` worker threads, for the CLI: path jobs spread over the cores, their
 * results put back in job order, so the output is byte for byte what one thread gives. The caller
 * waits synchronously (Atomics.wait on a counter the workers bump, receiveMessageOnPort for the
 * answers), so the library stays synchronous. Undefined where workers cannot run the compiled
 * code (tests run the TypeScript sources) or `size` is below 2: then run in this thread.
 *
 * The slowest paths are handed out first, so the last job to finish is a short one: whole
 * syscalls, generic entry's first, and of equal rank the later job (a later kernel models more). Workers are started on first use, kept for the rest of the process, and never keep it alive.
 */
export function workerRunner(size: number): JobRunner | undefined {
  if (size < 2 || !import.meta.url.endsWith('.js')) return undefined;
  // One pool per size for the process: a test or a library user calls main() many times, and
  // starting threads (each loads the whole model) for every call cost more than some checks.
  let pool = pools.get(size);
  if (pool === undefined) {
    pool = newPool(size);
    pools.set(size, pool);
  }
  return pool;
}

const pools = new Map<number, JobRunner>();

function newPool(size: number): JobRunner {
  const script = new URL('./pathWorker.js', import.meta.url);
  const replies = new SharedArrayBuffer(4);
  const counter = new Int32Array(replies);
  const slots: Slot[] = [];
  const start = (): Slot => {
    const { port1, port2 } = new MessageChannel();
    const worker = new Worker(script, { workerData: { port: port2, replies }, transferList: [port2] });
    worker.unref();
    port1.unref();
    return { worker, port: port1, busy: -1 };
  };
  return {
    run(jobs, done) {
      const known = new Set<unknown>(Object.values(PROPERTIES));
      const portable = (j: PathJob) => j.properties.every((p) => known.has(p));
      if (jobs.length < 2 || !jobs.every(portable)) return IN_PROCESS.run(jobs, done);
      while (slots.length < Math.min(size, jobs.length)) slots.push(start());
      const order = jobs
        .map((_, i) => i)
        .sort((a, b) => cost(jobs[b] as PathJob) - cost(jobs[a] as PathJob) || b - a);
      const results: CheckResult[][] = new Array(jobs.length);
      let next = 0;
      let outstanding = 0;
      const feed = (slot: Slot): void => {
        const index = order[next++];
        if (index === undefined) return;
        const j = jobs[index] as PathJob;
        const message: JobMessage = {
          index,
          input: j.input,
          path: j.path,
          properties: j.properties.map((p) => p.id as PropertyId),
          options: j.options,
        };
        slot.port.postMessage(message);
        slot.busy = index;
        outstanding++;
      };
      for (const slot of slots) feed(slot);
      while (outstanding > 0) {
        const seen = Atomics.load(counter, 0);
        let answered = false;
        for (const slot of slots) {
          if (slot.busy < 0) continue;
          const m = receiveMessageOnPort(slot.port)?.message as ResultMessage | undefined;
          if (m === undefined) continue;
          answered = true;
          outstanding--;
          slot.busy = -1;
          if ('error' in m) {
            // Other workers may still be busy: this pool is dropped, the next call starts afresh.
            pools.delete(size);
            for (const x of slots) void x.worker.terminate();
            throw new Error(m.error);
          }
          results[m.index] = m.results;
          done?.(m.index, m.results);
          feed(slot);
        }
        if (!answered) Atomics.wait(counter, 0, seen, 1000);
      }
      return results;
    },
  };
}

/** A rough rank of how long a path takes: whole syscalls, and generic entry's most of all. */
function cost(j: PathJob): number {
  const whole = j.path === 'syscall' || j.path === 'compat-syscall' ? 10 : 1;
  return whole * (j.input.behaviour.exitModel === 'generic' ? 10 : 1);
}
