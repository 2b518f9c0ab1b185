import t from 'tap';
import { analyseObjects } from '../helpers/object-result.js';
import { createRng } from '../../src/analysis/random.js';
import { positiveShare, rankByScore, tieFactor, trustScores } from '../../src/analysis/trust.js';
import type { Projection } from '../../src/analysis/types.js';
import type { ObjectResult } from '../helpers/object-result.js';
import { toProjection, type Edge } from '../helpers/datasets.js';

t.test('net positive share of incoming weight, with a prior of 2 positive units', async (t) => {
  t.equal(positiveShare(0, 0), 1, 'nothing comes in: no penalty');
  t.equal(positiveShare(3, 0), 1, 'praise only: no penalty');
  t.equal(positiveShare(3, 1), 4 / 6, 'a complaint cancels a unit of praise: (3 - 1 + 2) / (3 + 1 + 2)');
  t.equal(positiveShare(0, 1), 1 / 3, 'one small complaint alone is scarce evidence: (0 - 1 + 2) / (1 + 2)');
  t.equal(positiveShare(0, 2), 0, 'complaints that outweigh the prior: 0');
  t.equal(positiveShare(1, 10), 0, 'never below 0');
  t.equal(positiveShare(3, 1, 0), 0.5, 'without prior: (pos - neg) / (pos + neg), Kumar et al.\'s goodness floored at 0');
  t.equal(positiveShare(0, 0, 0), 1, 'no evidence and no prior: 1');
});

t.test('net positive share: a complaint never raises it, praise never lowers it', async (t) => {
  const rng = createRng(7);
  for (let k = 0; k < 2000; k++) {
    const pos = rng() < 0.2 ? 0 : rng() * 20;
    const neg = rng() < 0.3 ? 0 : rng() * 20;
    const more = 1e-6 + rng() * 5;
    const base = positiveShare(pos, neg);
    if (base > 0 && !(positiveShare(pos, neg + more) < base)) t.fail(`complaint ${more} did not lower ${pos}/${neg}`);
    if (positiveShare(pos, neg + more) > base) t.fail(`complaint ${more} raised ${pos}/${neg}`);
    if (positiveShare(pos + more, neg) < base) t.fail(`praise ${more} lowered ${pos}/${neg}`);
    if (base < 0 || base > 1) t.fail(`out of [0, 1]: ${base}`);
  }
  t.pass('2,000 random cases');
});

t.test('tie factor: 1 + mean of reciprocity, repeat, embeddedness', async (t) => {
  t.equal(tieFactor(0, 0, 0), 1, 'one-shot ties: no bonus');
  t.equal(tieFactor(1, 1, 1), 2, 'at most doubles');
  t.equal(tieFactor(0.5, 0, 0.25), 1.25);
});

t.test('score = centrality (PageRank * niche size) * ties * positive share', async (t) => {
  const f = (values: number[]) => Float64Array.from(values);
  const out = trustScores({
    withinPagerank: f([0.5, 0.3, 0.2]),
    nicheSize: [3, 3, 3],
    reciprocity: f([1, 0, 0]),
    repeat: f([1, 0, 0]),
    embeddedness: f([1, 0, 0.75]),
    positiveInStrength: f([4, 0, 1]),
    negativeInStrength: f([4, 0, 0]),
  });
  t.same([...out.centrality].map((x) => +x.toFixed(12)), [1.5, 0.9, 0.6]);
  t.same([...out.ties], [2, 1, 1.25]);
  t.same([...out.positiveShare], [2 / 10, 1, 1], '(4 - 4 + 2) / (4 + 4 + 2)');
  t.same([...out.score].map((x) => +x.toFixed(12)), [0.6, 0.9, 0.75]);
  t.throws(
    () =>
      trustScores({
        withinPagerank: f([1, 1]),
        nicheSize: [1],
        reciprocity: f([0, 0]),
        repeat: f([0, 0]),
        embeddedness: f([0, 0]),
        positiveInStrength: f([0, 0]),
        negativeInStrength: f([0, 0]),
      }),
    /nicheSize has length 1, expected 2/,
  );
});

t.test('ranking: score descending, then index (= account id) ascending', async (t) => {
  const scores = Float64Array.from([0.1, 0.4, 0.4, 0.1, 0.0]);
  t.same([...rankByScore([4, 3, 2, 1, 0], scores)], [1, 2, 0, 3, 4]);
});

function randomProjection(seed: number): { projection: Projection; ids: string[] } {
  const rng = createRng(seed);
  const n = 15 + Math.floor(rng() * 25);
  const ids = Array.from({ length: n }, (_, i) => `u${String(i).padStart(2, '0')}`);
  const edges: Edge[] = [];
  const arcs = n * 3;
  for (let k = 0; k < arcs; k++) {
    const s = Math.floor(rng() * n);
    // Mostly local ties (s +- 3) so that niches form, with a few long ones.
    const t = rng() < 0.8 ? (s + 1 + Math.floor(rng() * 3)) % n : Math.floor(rng() * n);
    const weight = rng() < 0.15 ? -(1 + Math.floor(rng() * 3)) : 1 + Math.floor(rng() * 4);
    edges.push({ source: ids[s] as string, target: ids[t] as string, weight });
  }
  return { projection: toProjection(edges, { accounts: ids }), ids };
}

function scoresOf(result: ObjectResult): Map<string, number> {
  const map = new Map<string, number>();
  for (const niche of result.niches) for (const m of niche.members) map.set(m.accountId, m.score);
  return map;
}

t.test('property: adding a negative interaction never raises any score', async (t) => {
  const options = { resolution: 1, seed: 11, topK: 3, runs: 3 };
  for (let trial = 0; trial < 40; trial++) {
    const { projection, ids } = randomProjection(1000 + trial);
    const rng = createRng(trial);
    const source = ids[Math.floor(rng() * ids.length)] as string;
    let target = ids[Math.floor(rng() * ids.length)] as string;
    if (target === source) target = ids[(ids.indexOf(source) + 1) % ids.length] as string;
    const amount = 0.5 + rng() * 5;

    // Add the negative weight to the existing pair, or insert a new negative-only pair.
    const pairs = projection.pairs.map((p) => ({ ...p }));
    const existing = pairs.find((p) => p.source === source && p.target === target);
    if (existing !== undefined) {
      existing.negative += amount;
      existing.count += 1;
    } else {
      pairs.push({ source, target, positive: 0, negative: amount, count: 1 });
      pairs.sort((a, b) => (a.source < b.source ? -1 : a.source > b.source ? 1 : a.target < b.target ? -1 : a.target > b.target ? 1 : 0));
    }

    const before = scoresOf(analyseObjects(projection, options));
    const after = scoresOf(analyseObjects({ accounts: projection.accounts, pairs }, options));
    for (const id of ids) {
      const b = before.get(id) as number;
      const a = after.get(id) as number;
      if (id === target) {
        // Strictly lower, unless it already scored 0 (only negative weight came in).
        if (b > 0 ? !(a < b) : a !== 0) t.fail(`trial ${trial}: the target ${id} was not penalised (${b} -> ${a})`);
      } else if (a !== b) {
        t.fail(`trial ${trial}: ${id} changed from ${b} to ${a} although it received no negative weight`);
      }
    }
  }
  t.pass('40 random graphs: only the target moved, and it went down');
});
