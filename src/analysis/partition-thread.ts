/**
 * Entry of a helper thread of partition-threads.ts: once started it warms the partition
 * code and the side tasks up on a small synthetic graph (partition-tasks.ts warmUp,
 * side-tasks.ts warmUpSide), then for each batch it receives, claims
 * tasks from the batch's shared counter until none is left, and for each posts its result
 * (or its error), then counts it finished and wakes the thread that waits for the batch.
 * A batch holds partition tasks (partition-tasks.ts) or side tasks (side-tasks.ts).
 * It writes its OS thread id and the task it holds into the runner's `watch` array, so that
 * the runner can tell when this thread is gone and run that task itself (partition-threads.ts).
 */
import { workerData, type MessagePort } from 'node:worker_threads';
import { osThreadId, WATCH_SLOTS, type HelperBatch, type HelperResult } from './partition-threads.js';
import { runTask, warmUp, type PartitionTask } from './partition-tasks.js';
import { isSideTask, resultBuffers, runSideTask, warmUpSide } from './side-tasks.js';

const { port, ready, watch, slot } = workerData as { port: MessagePort; ready: Int32Array; watch: Int32Array; slot: number };
const at = slot * WATCH_SLOTS;
Atomics.store(watch, at + 2, -1);
Atomics.store(watch, at, osThreadId());

port.on('message', ({ batch, control, tasks }: HelperBatch) => {
  const n = tasks.length;
  for (let k = Atomics.add(control, 0, 1); k < n; k = Atomics.add(control, 0, 1)) {
    Atomics.store(watch, at + 1, batch);
    Atomics.store(watch, at + 2, k);
    let answer: HelperResult;
    try {
      const task = tasks[k] as HelperBatch['tasks'][number];
      answer = { batch, k, result: isSideTask(task) ? runSideTask(task) : runTask(task as PartitionTask) };
    } catch (err) {
      answer = { batch, k, error: err instanceof Error ? err.message : String(err) };
    }
    const transfer = !('result' in answer) ? [] : 'kind' in answer.result ? resultBuffers(answer.result) : [answer.result.community.buffer as ArrayBuffer];
    port.postMessage(answer, transfer);
    Atomics.store(watch, at + 2, -1);
    Atomics.add(control, 1, 1);
    Atomics.notify(control, 1);
  }
});

// The partition code and the side tasks compiled before the first batch arrives (partition-tasks.ts warmUp, side-tasks.ts warmUpSide).
warmUp();
warmUpSide();
Atomics.add(ready, 0, 1);
