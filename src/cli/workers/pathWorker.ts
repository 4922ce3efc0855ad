import { workerData } from 'node:worker_threads';
import { PROPERTIES } from '../../../properties/registry.js';
import { checkPathJob } from '../../check/verify.js';
import type { JobMessage, ResultMessage, WorkerData } from './protocol.js';

/**
 * A worker thread of the pool (workerPool.ts): runs the path jobs it is sent, one at a time, and
 * answers each on its port before it bumps the shared reply counter, so that the pool, waiting
 * on the counter, finds the answer there when it wakes.
 */
const { port, replies } = workerData as WorkerData;
const counter = new Int32Array(replies);

port.on('message', (m: JobMessage) => {
  let reply: ResultMessage;
  try {
    const properties = m.properties.map((id) => PROPERTIES[id]);
    reply = { index: m.index, results: checkPathJob({ ...m, properties }) };
  } catch (e) {
    reply = { index: m.index, error: e instanceof Error ? e.message : String(e) };
  }
  port.postMessage(reply);
  Atomics.add(counter, 0, 1);
  Atomics.notify(counter, 0);
});
