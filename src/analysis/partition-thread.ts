/**
 * Entry of a helper thread of partition-threads.ts: once started it warms the partition
 * code up on a small synthetic graph (partition-tasks.ts warmUp), then for each batch it receives, claims
 * tasks from the batch's shared counter until none is left, and for each posts its result
 * (or its error), then counts it finished and wakes the thread that waits for the batch.
 */
import { workerData, type MessagePort } from 'node:worker_threads';
import type { HelperBatch, HelperResult } from './partition-threads.js';
import { runTask, warmUp } from './partition-tasks.js';

const { port, ready } = workerData as { port: MessagePort; ready: Int32Array };

port.on('message', ({ batch, control, tasks }: HelperBatch) => {
  const n = tasks.length;
  for (let k = Atomics.add(control, 0, 1); k < n; k = Atomics.add(control, 0, 1)) {
    let answer: HelperResult;
    try {
      answer = { batch, k, result: runTask(tasks[k] as HelperBatch['tasks'][number]) };
    } catch (err) {
      answer = { batch, k, error: err instanceof Error ? err.message : String(err) };
    }
    port.postMessage(answer, 'result' in answer ? [answer.result.community.buffer as ArrayBuffer] : []);
    Atomics.add(control, 1, 1);
    Atomics.notify(control, 1);
  }
});

// The partition code compiled before the first batch arrives (partition-tasks.ts warmUp).
warmUp();
Atomics.add(ready, 0, 1);
