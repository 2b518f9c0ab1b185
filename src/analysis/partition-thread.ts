/**
 * Entry of a helper thread of partition-threads.ts: once started it warms the partition
 * code and the side tasks up on a small synthetic graph (partition-tasks.ts warmUp,
 * side-tasks.ts warmUpSide), then for each batch it receives, claims
 * tasks from the batch's shared counter until none is left, and for each posts its result
 * (or its error), then counts it finished and wakes the thread that waits for the batch.
 * A batch holds partition tasks (partition-tasks.ts) or side tasks (side-tasks.ts).
 */
import { workerData, type MessagePort } from 'node:worker_threads';
import type { HelperBatch, HelperResult } from './partition-threads.js';
import { runTask, warmUp, type PartitionTask } from './partition-tasks.js';
import { isSideTask, resultBuffers, runSideTask, warmUpSide } from './side-tasks.js';

const { port, ready } = workerData as { port: MessagePort; ready: Int32Array };

port.on('message', ({ batch, control, tasks }: HelperBatch) => {
  const n = tasks.length;
  for (let k = Atomics.add(control, 0, 1); k < n; k = Atomics.add(control, 0, 1)) {
    let answer: HelperResult;
    try {
      const task = tasks[k] as HelperBatch['tasks'][number];
      answer = { batch, k, result: isSideTask(task) ? runSideTask(task) : runTask(task as PartitionTask) };
    } catch (err) {
      answer = { batch, k, error: err instanceof Error ? err.message : String(err) };
    }
    const transfer = !('result' in answer) ? [] : 'kind' in answer.result ? resultBuffers(answer.result) : [answer.result.community.buffer as ArrayBuffer];
    port.postMessage(answer, transfer);
    Atomics.add(control, 1, 1);
    Atomics.notify(control, 1);
  }
});

// The partition code and the side tasks compiled before the first batch arrives (partition-tasks.ts warmUp, side-tasks.ts warmUpSide).
warmUp();
warmUpSide();
Atomics.add(ready, 0, 1);
