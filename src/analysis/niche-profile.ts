/**
 * Niche profile figures beyond size, density and conductance (niche-metrics.ts).
 *
 * - reciprocity(c) = sum over internal pairs of 2 min(w_ij, w_ji) / sum of (w_ij + w_ji):
 *   the weighted reciprocity of Squartini, Picciolo, Ruzzenenti & Garlaschelli (Sci.
 *   Rep. 3:2729, 2013) restricted to the niche (1 = every tie fully returned);
 * - reachedGroups(i, k): the (at most k) other groups that account i's positive ties
 *   reach with the most weight: where a bridge leads;
 * - activity (nicheActivity): events between members, first and last timestamp,
 *   events per day over that span, and the dominant interaction types (the share of
 *   internal events of each type), from the projection's per-pair type counts.
 */
import type { CompactGraph } from './compact-graph.js';
import type { Projection } from './types.js';

export interface NicheProfiles {
  reciprocity: Float64Array;
  reachedGroups(account: number, k: number): number[];
}

const PREFIX = 'nichegraph/analysis/niche-profile';

export function nicheProfiles(graph: CompactGraph, community: Int32Array, count: number, reciprocalWeight: Float64Array): NicheProfiles {
  const { order, undirected } = graph;
  if (community.length !== order) throw new RangeError(`${PREFIX}: community has ${community.length} labels for ${order} accounts.`);
  if (reciprocalWeight.length !== undirected.targets.length) throw new RangeError(`${PREFIX}: reciprocalWeight must align with the undirected adjacency.`);
  const returned = new Float64Array(count);
  const total = new Float64Array(count);
  for (let i = 0; i < order; i++) {
    const c = community[i] as number;
    for (let k = undirected.offsets[i] as number, end = undirected.offsets[i + 1] as number; k < end; k++) {
      if (community[undirected.targets[k] as number] !== c) continue;
      // Each internal pair is seen from both ends: the ratio is unaffected.
      returned[c] = (returned[c] as number) + 2 * (reciprocalWeight[k] as number);
      total[c] = (total[c] as number) + (undirected.weights[k] as number);
    }
  }
  const reciprocity = new Float64Array(count);
  for (let c = 0; c < count; c++) reciprocity[c] = (total[c] as number) > 0 ? (returned[c] as number) / (total[c] as number) : 0;

  function reachedGroups(account: number, k: number): number[] {
    const own = community[account] as number;
    const weight = new Map<number, number>();
    for (let e = undirected.offsets[account] as number, end = undirected.offsets[account + 1] as number; e < end; e++) {
      const c = community[undirected.targets[e] as number] as number;
      if (c !== own) weight.set(c, (weight.get(c) ?? 0) + (undirected.weights[e] as number));
    }
    return [...weight.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, k).map(([c]) => c);
  }
  return { reciprocity, reachedGroups };
}

export interface NicheActivity {
  /** Events between members of the niche (both ends inside), per niche. */
  events: Float64Array;
  /** Epoch ms of the first / last internal event with a timestamp; NaN when none. */
  firstTs: Float64Array;
  lastTs: Float64Array;
  /** Up to `topTypes` interaction types by internal events, with their share of the events. */
  dominantTypes: Array<Array<{ type: string; share: number }>>;
}

const DAY_MS = 86_400_000;

/** Internal events per day over the niche's own active span (at least one day); 0 without timestamps. */
export function eventsPerDay(events: number, firstTs: number, lastTs: number): number {
  if (!Number.isFinite(firstTs) || !Number.isFinite(lastTs)) return 0;
  return events / Math.max(1, (lastTs - firstTs) / DAY_MS);
}

/**
 * Activity of each niche from the projection's pairs: internal events, first and last
 * timestamp, dominant interaction types. Pairs without per-type counts count as type
 * "unknown".
 */
export function nicheActivity(
  pairs: Projection['pairs'],
  index: ReadonlyMap<string, number>,
  community: Int32Array,
  count: number,
  topTypes = 3,
): NicheActivity {
  const events = new Float64Array(count);
  const firstTs = new Float64Array(count).fill(Number.NaN);
  const lastTs = new Float64Array(count).fill(Number.NaN);
  const perType: Array<Map<string, number>> = Array.from({ length: count }, () => new Map());
  for (const pair of pairs) {
    const s = index.get(pair.source);
    const t = index.get(pair.target);
    if (s === undefined || t === undefined || s === t) continue;
    const c = community[s] as number;
    if (community[t] !== c) continue;
    events[c] = (events[c] as number) + pair.count;
    const types = pair.types ?? { unknown: pair.count };
    const map = perType[c] as Map<string, number>;
    for (const [type, n] of Object.entries(types)) map.set(type, (map.get(type) ?? 0) + n);
    if (typeof pair.firstTs === 'number' && !((firstTs[c] as number) <= pair.firstTs)) firstTs[c] = pair.firstTs;
    if (typeof pair.lastTs === 'number' && !((lastTs[c] as number) >= pair.lastTs)) lastTs[c] = pair.lastTs;
  }
  const dominantTypes = perType.map((map, c) => {
    const total = events[c] as number;
    return [...map.entries()]
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
      .slice(0, topTypes)
      .map(([type, n]) => ({ type, share: total > 0 ? n / total : 0 }));
  });
  return { events, firstTs, lastTs, dominantTypes };
}
