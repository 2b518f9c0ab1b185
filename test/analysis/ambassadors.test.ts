import t from 'tap';
import { ambassadorOrders, coverageValue, trustWeight, type AmbassadorInput } from '../../src/analysis/ambassadors.js';
import { createRng } from '../../src/analysis/random.js';

/** Undirected CSR from pairs [u, v, reciprocalWeight] (0 = a one-way tie). */
function fixture(
  order: number,
  pairs: Array<[number, number, number]>,
  niche: number[],
  options: { score?: number[]; broadcaster?: number[]; nicheCommunity?: number[] } = {},
): AmbassadorInput {
  const rows: Array<Array<[number, number]>> = Array.from({ length: order }, () => []);
  for (const [u, v, w] of pairs) {
    rows[u]!.push([v, w]);
    rows[v]!.push([u, w]);
  }
  for (const row of rows) row.sort((a, b) => a[0] - b[0]);
  const offsets = new Int32Array(order + 1);
  rows.forEach((row, i) => (offsets[i + 1] = offsets[i]! + row.length));
  const flat = rows.flat();
  const nicheCount = Math.max(0, ...niche) + 1;
  const nicheCommunity = Int32Array.from(options.nicheCommunity ?? Array.from({ length: nicheCount }, (_, k) => k));
  return {
    undirected: { offsets, targets: Int32Array.from(flat, (e) => e[0]), weights: Float64Array.from(flat, () => 1) },
    reciprocalWeight: Float64Array.from(flat, (e) => e[1]),
    niche: Int32Array.from(niche),
    nicheCount,
    nicheCommunity,
    communityCount: Math.max(0, ...nicheCommunity) + 1,
    score: Float64Array.from(options.score ?? niche.map(() => 1)),
    broadcaster: Uint8Array.from(options.broadcaster ?? niche.map(() => 0)),
  };
}

/** Clique on nodes from..from+size-1, every tie reciprocal. */
function clique(from: number, size: number): Array<[number, number, number]> {
  const out: Array<[number, number, number]> = [];
  for (let i = from; i < from + size; i++) for (let j = i + 1; j < from + size; j++) out.push([i, j, 1]);
  return out;
}

/** Plain greedy, no laziness: the reference the lazy one must equal. */
function naiveGreedy(input: AmbassadorInput, candidates: number[], budget: number): number[] {
  const picks: number[] = [];
  let value = 0;
  for (let step = 0; step < budget; step++) {
    let best = -1;
    let bestGain = 0;
    for (const u of candidates) {
      if (picks.includes(u)) continue;
      const gain = coverageValue(input, [...picks, u]) - value;
      const better =
        gain > bestGain + 1e-12 ||
        (best >= 0 && Math.abs(gain - bestGain) <= 1e-12 && (input.score[u]! > input.score[best]! || (input.score[u] === input.score[best] && u < best)));
      if (better && gain > 1e-12) {
        best = u;
        bestGain = gain;
      }
    }
    if (best < 0) break;
    picks.push(best);
    value += bestGain;
  }
  return picks;
}

t.test('trust weight maps a score to (0, 1): an average member reaches its circle by one half', async (t) => {
  t.equal(trustWeight(1), 0.5);
  t.equal(trustWeight(3), 0.75);
  t.equal(trustWeight(0), 0);
  t.equal(trustWeight(-1), 0);
  t.equal(trustWeight(Number.NaN), 0);
});

t.test('spread apart: the second pick goes to the other niche, not the bigger one', async (t) => {
  // Niche 0: clique of 30 (0..29); niche 1: clique of 8 (30..37).
  const niche = [...Array(30).fill(0), ...Array(8).fill(1)];
  const input = fixture(38, [...clique(0, 30), ...clique(30, 8)], niche);
  const { all } = ambassadorOrders(input);
  t.ok(all.account.length >= 2);
  t.equal(niche[all.account[0]!], 0, 'the first pick reaches the most (biggest niche)');
  t.equal(niche[all.account[1]!], 1, 'the second pick opens the other niche');
  t.equal(all.newNiches[0], 1);
  t.equal(all.newNiches[1], 1);
  t.equal(all.newlyReached[0], 30, 'its 29 contacts and itself');
  t.equal(all.newlyReached[1], 8);
  // In a clique everyone reaches everyone: a third pick inside niche 0 reaches nobody new.
  t.equal(all.newlyReached[2], 0);
  t.ok(all.gain[2]! < all.gain[1]!);
  for (let i = 1; i < all.gain.length; i++) t.ok(all.gain[i]! <= all.gain[i - 1]! + 1e-12, 'gains never increase (submodular)');
});

t.test('broadcasters are never chosen, however big their circle', async (t) => {
  // 0 is a hub with reciprocal ties to everyone, but flagged broadcaster.
  const pairs: Array<[number, number, number]> = [];
  for (let v = 1; v < 20; v++) pairs.push([0, v, 1]);
  pairs.push([1, 2, 1], [3, 4, 1]);
  const niche = Array(20).fill(0);
  const broadcaster = niche.map((_, i) => (i === 0 ? 1 : 0));
  const orders = ambassadorOrders(fixture(20, pairs, niche, { broadcaster, score: niche.map((_, i) => (i === 0 ? 50 : 1)) }));
  for (const order of [orders.all, orders.byNiche.order, orders.byCommunity.order]) {
    t.notOk(Array.from(order.account).includes(0), 'the broadcaster is not in any order');
  }
  t.ok(orders.all.account.length > 0);
});

t.test('only reciprocal ties reach, and only members of niches are reached or chosen', async (t) => {
  // 0-1 one-way, 2-3 reciprocal, 4 is in no niche with a reciprocal tie to 2.
  const input = fixture(5, [[0, 1, 0], [2, 3, 1], [2, 4, 1]], [0, 0, 0, 0, -1]);
  const { all, candidates } = ambassadorOrders(input);
  t.equal(candidates, 2, 'accounts 2 and 3');
  t.same(Array.from(all.account), [2, 3], 'equal gains: the lower index first');
  t.equal(all.circle[0], 1, 'account 4 (unassigned) is not counted in the circle');
  t.equal(all.newlyReached[1], 0, 'the second reaches nobody new (the first reached it)');
});

t.test('trust matters: of two accounts with the same circle, the more trusted one is picked', async (t) => {
  // Star-like: 0 and 1 each reciprocal with 2..9.
  const pairs: Array<[number, number, number]> = [];
  for (let v = 2; v < 10; v++) pairs.push([0, v, 1], [1, v, 1]);
  const score = Array(10).fill(0.5);
  score[1] = 4;
  const { all } = ambassadorOrders(fixture(10, pairs, Array(10).fill(0), { score }));
  t.equal(all.account[0], 1);
});

t.test('prefix-consistent and deterministic: a shorter order is a prefix of a longer one', async (t) => {
  const rng = createRng(5);
  const order = 300;
  const niche = Array.from({ length: order }, (_, i) => (i < 10 ? -1 : i % 12));
  const pairs: Array<[number, number, number]> = [];
  const seen = new Set<string>();
  for (let e = 0; e < 1500; e++) {
    const u = Math.floor(rng() * order);
    const v = Math.floor(rng() * order);
    if (u === v || seen.has(`${Math.min(u, v)}-${Math.max(u, v)}`)) continue;
    seen.add(`${Math.min(u, v)}-${Math.max(u, v)}`);
    pairs.push([u, v, rng() < 0.6 ? 1 + rng() : 0]);
  }
  const score = Array.from({ length: order }, () => rng() * 4);
  const input = fixture(order, pairs, niche, { score, nicheCommunity: Array.from({ length: 12 }, (_, k) => k % 3) });
  const long = ambassadorOrders(input, { maxAll: 60 });
  const short = ambassadorOrders(input, { maxAll: 15 });
  t.same(Array.from(short.all.account), Array.from(long.all.account.subarray(0, 15)));
  t.same(Array.from(ambassadorOrders(input, { maxAll: 60 }).all.account), Array.from(long.all.account), 'same input, same order');
  t.equal(new Set(long.all.account).size, long.all.account.length, 'no account twice');
});

t.test('lazy greedy equals the plain greedy, for the whole graph and per niche and community', async (t) => {
  for (const seed of [1, 2, 3]) {
    const rng = createRng(seed);
    const order = 60;
    const niche = Array.from({ length: order }, () => Math.floor(rng() * 5) - (rng() < 0.1 ? 6 : 0)).map((k) => (k < 0 ? -1 : k));
    const pairs: Array<[number, number, number]> = [];
    for (let u = 0; u < order; u++) for (let v = u + 1; v < order; v++) if (rng() < 0.08) pairs.push([u, v, rng() < 0.7 ? 1 : 0]);
    const score = Array.from({ length: order }, () => Math.round(rng() * 30) / 10);
    const broadcaster = Array.from({ length: order }, () => (rng() < 0.05 ? 1 : 0));
    const nicheCommunity = [0, 0, 1, 1, 1];
    const input = fixture(order, pairs, niche, { score, broadcaster, nicheCommunity });
    const orders = ambassadorOrders(input, { maxAll: 20, maxPerNiche: 5, maxPerCommunity: 8 });
    const eligible = (u: number) =>
      niche[u]! >= 0 && broadcaster[u] === 0 && score[u]! > 0 && pairs.some(([a, b, w]) => w > 0 && ((a === u && niche[b]! >= 0) || (b === u && niche[a]! >= 0)));
    const candidates = Array.from({ length: order }, (_, u) => u).filter(eligible);
    t.same(Array.from(orders.all.account), naiveGreedy(input, candidates, 20), `seed ${seed}: whole graph`);
    for (let k = 0; k < 5; k++) {
      const got = Array.from(orders.byNiche.order.account.subarray(orders.byNiche.offsets[k], orders.byNiche.offsets[k + 1]));
      t.same(got, naiveGreedy(input, candidates.filter((u) => niche[u] === k), 5), `seed ${seed}: niche ${k}`);
    }
    for (let c = 0; c < 2; c++) {
      const got = Array.from(orders.byCommunity.order.account.subarray(orders.byCommunity.offsets[c], orders.byCommunity.offsets[c + 1]));
      t.same(got, naiveGreedy(input, candidates.filter((u) => nicheCommunity[niche[u]!] === c), 8), `seed ${seed}: community ${c}`);
    }
    // Gains add up to the objective of the chosen set.
    const total = orders.all.gain.reduce((s, g) => s + g, 0);
    t.ok(Math.abs(total - coverageValue(input, orders.all.account)) < 1e-9, 'sum of gains = f(S)');
  }
});

t.test('greedy keeps at least 1 - 1/e of the best set (brute force on small graphs)', async (t) => {
  for (const seed of [11, 12, 13, 14]) {
    const rng = createRng(seed);
    const order = 14;
    const niche = Array.from({ length: order }, () => Math.floor(rng() * 3));
    const pairs: Array<[number, number, number]> = [];
    for (let u = 0; u < order; u++) for (let v = u + 1; v < order; v++) if (rng() < 0.25) pairs.push([u, v, 1]);
    const input = fixture(order, pairs, niche, { score: Array.from({ length: order }, () => 0.2 + rng() * 3) });
    const budget = 3;
    const greedy = ambassadorOrders(input, { maxAll: budget }).all.account;
    let best = 0;
    for (let a = 0; a < order; a++) for (let b = a + 1; b < order; b++) for (let c = b + 1; c < order; c++) best = Math.max(best, coverageValue(input, [a, b, c]));
    const got = coverageValue(input, greedy);
    t.ok(got >= (1 - 1 / Math.E) * best - 1e-9, `seed ${seed}: greedy ${got.toFixed(3)} vs best ${best.toFixed(3)}`);
  }
});

t.test('limits and empty input', async (t) => {
  const input = fixture(6, clique(0, 6), Array(6).fill(0));
  t.equal(ambassadorOrders(input, { maxAll: 0 }).all.account.length, 0);
  t.equal(ambassadorOrders(input, { maxPerNiche: 2 }).byNiche.offsets[1], 2);
  const empty = ambassadorOrders(fixture(0, [], []));
  t.equal(empty.all.account.length, 0);
  t.equal(empty.candidates, 0);
});

t.test('input errors name the module and the field', async (t) => {
  const input = fixture(3, [[0, 1, 1]], [0, 0, 0]);
  t.throws(() => ambassadorOrders({ ...input, score: new Float64Array(2) }), /ambassadors: score must have one entry per account/);
  t.throws(() => ambassadorOrders({ ...input, niche: Int32Array.from([0, 5, 0]) }), /niche\[1\] = 5/);
  t.throws(() => ambassadorOrders({ ...input, reciprocalWeight: new Float64Array(1) }), /reciprocalWeight must be aligned/);
  t.throws(() => ambassadorOrders(input, { maxAll: -1 }), /options.maxAll/);
  t.throws(() => ambassadorOrders({ ...input, nicheCommunity: Int32Array.from([3]) }), /nicheCommunity\[0\] = 3/);
});
