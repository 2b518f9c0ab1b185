/**
 * The ambassador orders (src/analysis/ambassadors.ts) on a real graph: how long one order for
 * the whole graph plus one per niche and per community takes once the analysis is known, the
 * cost the service pays on the first ambassadors request of an analysis (then kept in memory).
 *
 * usage: node --import=tsx bench/ambassadors.ts EDGELIST   (`a b weight` lines, gzip or plain)
 * Prints one JSON object: accounts, niches, candidates, order lengths, ms.
 */
import { analyseProjection } from '../src/analysis/analyse.js';
import { ambassadorOrders } from '../src/analysis/ambassadors.js';
import { buildCompactGraph } from '../src/analysis/compact-graph.js';
import { tieStrength } from '../src/analysis/tie-strength.js';
import { readProjection } from './edgelist.js';

const file = process.argv[2];
if (!file) throw new Error('usage: bench/ambassadors.ts EDGELIST');
const table = await readProjection(file);
const result = analyseProjection(table, { resolution: 1, seed: 42, topK: 10, runs: 1 });
const graph = buildCompactGraph(table);
const niche = new Int32Array(graph.order).fill(-1);
const score = new Float64Array(graph.order);
const broadcaster = new Uint8Array(graph.order);
const niches = result.niches.filter((n) => !n.unassigned);
niches.forEach((n, k) => {
  for (const m of n.members) {
    const i = graph.index.get(m.accountId) as number;
    niche[i] = k;
    score[i] = m.score;
    broadcaster[i] = m.role === 'broadcaster' ? 1 : 0;
  }
});
for (const n of result.niches.filter((x) => x.unassigned)) for (const m of n.members) score[graph.index.get(m.accountId) as number] = m.score;
const communityIds = [...new Set(niches.map((n) => n.communityId ?? n.id))];
const nicheCommunity = Int32Array.from(niches, (n) => communityIds.indexOf(n.communityId ?? n.id));
const ties = tieStrength(graph, Int32Array.from(niche, (k) => (k < 0 ? niches.length : k)));
const t0 = performance.now();
const orders = ambassadorOrders({
  undirected: graph.undirected,
  reciprocalWeight: ties.reciprocalWeight,
  niche,
  nicheCount: niches.length,
  nicheCommunity,
  communityCount: communityIds.length,
  score,
  broadcaster,
});
const ms = performance.now() - t0;
console.log(
  JSON.stringify({
    accounts: graph.order,
    niches: niches.length,
    communities: communityIds.length,
    candidates: orders.candidates,
    all: orders.all.account.length,
    byNiche: orders.byNiche.order.account.length,
    byCommunity: orders.byCommunity.order.account.length,
    reachedByFirst1000: orders.all.newlyReached.reduce((s, x) => s + x, 0),
    ms: Math.round(ms),
  }),
);
