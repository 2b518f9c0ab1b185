/**
 * A helper thread for test/analysis/partition-threads.test.ts that ends right after it claims
 * the first task it is sent (process.exit in a worker ends that thread only): what a helper
 * that Node ends (its heap exhausted) leaves behind. It speaks partition-thread.ts's protocol
 * up to the claim: its OS thread id and the task it holds in the runner's `watch` array.
 */
import { workerData, type MessagePort } from 'node:worker_threads';
import { osThreadId, WATCH_SLOTS, type HelperBatch } from '../../src/analysis/partition-threads.js';

const { port, ready, watch, slot } = workerData as { port: MessagePort; ready: Int32Array; watch: Int32Array; slot: number };
const at = slot * WATCH_SLOTS;
Atomics.store(watch, at + 2, -1);
Atomics.store(watch, at, osThreadId());

port.on('message', ({ batch, control, tasks }: HelperBatch) => {
  const k = Atomics.add(control, 0, 1);
  if (k < tasks.length) {
    Atomics.store(watch, at + 1, batch);
    Atomics.store(watch, at + 2, k);
  }
  process.exit(1);
});

Atomics.add(ready, 0, 1);
