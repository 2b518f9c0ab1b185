/**
 * The ambassador orders (src/analysis/ambassadors.ts) on a real graph: how long one order for
 * the whole graph plus one per niche and per community takes once the analysis is known (the
 * reciprocal-tie CSR built from the result's ties included), the computing part of what the
 * service pays on the first ambassadors request of an analysis (then kept in memory).
 *
 * usage: node --import=tsx bench/ambassadors.ts EDGELIST   (`a b weight` lines, gzip or plain)
 * Prints one JSON object: accounts, niches, candidates, order lengths, ms.
 */
import { analyseProjection } from '../src/analysis/analyse.js';
import { ambassadorOrders } from '../src/analysis/ambassadors.js';
import { ROLES } from '../src/analysis/roles.js';
import { readProjection } from './edgelist.js';

const file = process.argv[2];
if (!file) throw new Error('usage: bench/ambassadors.ts EDGELIST');
const table = await readProjection(file);
const result = analyseProjection(table, { resolution: 1, seed: 42, topK: 10, runs: 1 });
// The service's input (src/reads/ambassador-orders.ts), from the columnar result: niche rows
// (-1 for the unassigned group), scores, broadcasters, the reciprocal ties as a CSR.
const { accounts, niches, ties } = result;
const order = accounts.count;
const niche = Int32Array.from(accounts.niche, (r) => (r === niches.unassignedRow ? -1 : r));
const nicheCount = niches.unassignedRow >= 0 ? niches.count - 1 : niches.count;
const broadcaster = Uint8Array.from(accounts.role, (r) => (ROLES[r] === 'broadcaster' ? 1 : 0));
const t0 = performance.now();
const offsets = new Int32Array(order + 1);
let m = 0;
for (let k = 0; k < ties.count; k++) {
  if (!((ties.reciprocated[k] as number) > 0)) continue;
  offsets[(ties.source[k] as number) + 1]! += 1;
  offsets[(ties.target[k] as number) + 1]! += 1;
  m++;
}
for (let i = 0; i < order; i++) offsets[i + 1] = (offsets[i + 1] as number) + (offsets[i] as number);
const cursor = offsets.slice(0, order);
const targets = new Int32Array(2 * m);
const weights = new Float64Array(2 * m);
for (let k = 0; k < ties.count; k++) {
  const w = ties.reciprocated[k] as number;
  if (!(w > 0)) continue;
  for (const [a, b] of [[ties.source[k] as number, ties.target[k] as number], [ties.target[k] as number, ties.source[k] as number]] as const) {
    targets[cursor[a] as number] = b;
    weights[cursor[a] as number] = w;
    cursor[a]! += 1;
  }
}
const orders = ambassadorOrders({
  undirected: { offsets, targets, weights },
  reciprocalWeight: weights,
  niche,
  nicheCount,
  nicheCommunity: niches.community.subarray(0, nicheCount),
  communityCount: result.communities.count,
  score: accounts.score,
  broadcaster,
});
const ms = performance.now() - t0;
console.log(
  JSON.stringify({
    accounts: order,
    niches: nicheCount,
    communities: result.communities.count,
    candidates: orders.candidates,
    all: orders.all.account.length,
    byNiche: orders.byNiche.order.account.length,
    byCommunity: orders.byCommunity.order.account.length,
    reachedByFirst1000: orders.all.newlyReached.reduce((s, x) => s + x, 0),
    ms: Math.round(ms),
  }),
);
