import t from 'tap';
import { averageRanks, countInTop, meanPairwiseAri, spearman } from '../../scripts/quality/measures.js';

t.test('average ranks share ties', async (t) => {
  t.same(averageRanks([10, 20, 20, 5]), [2, 3.5, 3.5, 1]);
});

t.test('spearman on known values', async (t) => {
  t.equal(spearman([1, 2, 3, 4, 5], [5, 6, 7, 8, 7000]), 1, 'monotone -> 1');
  t.equal(spearman([1, 2, 3, 4, 5], [5, 4, 3, 2, 1]), -1);
  // Textbook example without ties: d = (0, -1, 1, 0, 0)? ranks a = 1..5, b = 1 3 2 4 5: 1 - 6*2/(5*24) = 0.9.
  t.ok(Math.abs(spearman([1, 2, 3, 4, 5], [1, 3, 2, 4, 5]) - 0.9) < 1e-12);
  // With ties (scipy.stats.spearmanr([1,2,2,3],[1,3,2,4]) = 0.9486832980505138).
  t.ok(Math.abs(spearman([1, 2, 2, 3], [1, 3, 2, 4]) - 0.9486832980505138) < 1e-12);
  t.ok(Number.isNaN(spearman([1, 1, 1], [1, 2, 3])), 'constant input: undefined');
  t.throws(() => spearman([1], [1, 2]), /equal lengths/);
});

t.test('top-k counts break score ties by id', async (t) => {
  const scores = new Map([
    ['d', 1],
    ['a', 3],
    ['c', 2],
    ['b', 2],
  ]);
  t.equal(countInTop(scores, 2, (id) => id === 'b'), 1, 'a, then b before c');
  t.equal(countInTop(scores, 2, (id) => id === 'c'), 0);
  t.equal(countInTop(scores, 10, () => true), 4);
});

t.test('mean pairwise ARI', async (t) => {
  t.equal(meanPairwiseAri([[0, 0, 1, 1], [1, 1, 0, 0], [5, 5, 7, 7]]), 1);
  const mixed = meanPairwiseAri([[0, 0, 1, 1], [0, 1, 0, 1]]);
  t.ok(mixed < 0, `independent splits: ${mixed}`);
});
