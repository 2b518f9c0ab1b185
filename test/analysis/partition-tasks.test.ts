/**
 * partition-tasks.ts: a task's result depends on the task alone; warmUp (run by every
 * helper thread before its first batch) leaves nothing behind that changes a later result.
 */
import t from 'tap';
import { buildCompactGraph } from '../../src/analysis/compact-graph.js';
import { rowSums } from '../../src/analysis/leiden.js';
import { runTask, warmUp, type LeidenTask } from '../../src/analysis/partition-tasks.js';
import { loadKarateClub, toProjection } from '../helpers/datasets.js';

t.test('a task gives the same partition before and after warmUp, and warmUp accepts small orders', async (t) => {
  const csr = buildCompactGraph(toProjection(loadKarateClub().edges, { undirected: true })).undirected;
  const task: LeidenTask = { kind: 'leiden', csr, quality: 'modularity', resolution: 1, nodeWeights: rowSums(csr), seed: 3 };
  const before = runTask(task).community;
  warmUp();
  warmUp(16);
  t.same(Array.from(runTask(task).community), Array.from(before));
  t.ok(new Set(before).size > 1, 'karate splits at resolution 1');
});
