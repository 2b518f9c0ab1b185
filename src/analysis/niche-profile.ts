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
import type { ActivityTable } from './pair-table.js';

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

  // reachedGroups' weight per group (no Map per call): allocated on the first call; a
  // group's entry counts for the current call when its stamp is the call's.
  let weight: Float64Array | null = null;
  let stamp: Int32Array | null = null;
  let calls = 0;
  function reachedGroups(account: number, k: number): number[] {
    weight ??= new Float64Array(count);
    stamp ??= new Int32Array(count);
    const call = ++calls;
    const own = community[account] as number;
    const reached: number[] = [];
    for (let e = undirected.offsets[account] as number, end = undirected.offsets[account + 1] as number; e < end; e++) {
      const c = community[undirected.targets[e] as number] as number;
      if (c === own) continue;
      if (stamp[c] !== call) {
        stamp[c] = call;
        weight[c] = 0;
        reached.push(c);
      }
      weight[c] = (weight[c] as number) + (undirected.weights[e] as number);
    }
    const w = weight;
    reached.sort((a, b) => (w[b] as number) - (w[a] as number) || a - b);
    return reached.length > k ? reached.slice(0, k) : reached;
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

/** Niche x type slots counted in a typed array rather than a Map (32 MB of Float64 at most). */
const DENSE_TYPE_SLOTS = 1 << 22;

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
export function nicheActivity(table: ActivityTable, community: Int32Array, count: number, topTypes = 3): NicheActivity {
  if (community.length !== table.accounts.length) throw new RangeError(`${PREFIX}: community has ${community.length} labels for ${table.accounts.length} accounts.`);
  const events = new Float64Array(count);
  const firstTs = new Float64Array(count).fill(Number.NaN);
  const lastTs = new Float64Array(count).fill(Number.NaN);
  // Events per (niche, type), keyed niche * types + type: dense when that table is small
  // (a few types, as usual), else sparse, as types are free-form.
  const types = table.typeNames.length;
  const dense = count * types <= DENSE_TYPE_SLOTS ? new Float64Array(count * types) : null;
  const perType = new Map<number, number>();
  for (let r = 0; r < table.size; r++) {
    const s = table.source[r] as number;
    const t = table.target[r] as number;
    if (s === t) continue;
    const c = community[s] as number;
    if (community[t] !== c) continue;
    events[c] = (events[c] as number) + (table.count[r] as number);
    for (let e = table.typeOffsets[r] as number, end = table.typeOffsets[r + 1] as number; e < end; e++) {
      const slot = c * types + (table.typeIds[e] as number);
      if (dense !== null) dense[slot] = (dense[slot] as number) + (table.typeCounts[e] as number);
      else perType.set(slot, (perType.get(slot) ?? 0) + (table.typeCounts[e] as number));
    }
    // NaN compares false: the first timestamp seen replaces it.
    const first = table.firstTs[r] as number;
    const last = table.lastTs[r] as number;
    if (!Number.isNaN(first) && !((firstTs[c] as number) <= first)) firstTs[c] = first;
    if (!Number.isNaN(last) && !((lastTs[c] as number) >= last)) lastTs[c] = last;
  }
  // Only the niches with internal events get a list (most groups of a large graph have none).
  const found = new Array<Array<[string, number]> | undefined>(count);
  // (The entries' order here does not matter: the sort below is by count, then name.)
  if (dense !== null) {
    for (let slot = 0; slot < dense.length; slot++) {
      const n = dense[slot] as number;
      if (n > 0) {
        const c = Math.floor(slot / types);
        (found[c] ??= []).push([table.typeNames[slot - c * types] as string, n]);
      }
    }
  }
  for (const [slot, n] of perType) {
    const c = Math.floor(slot / types);
    if (n > 0) (found[c] ??= []).push([table.typeNames[slot - c * types] as string, n]);
  }
  const dominantTypes = new Array<Array<{ type: string; share: number }>>(count);
  for (let c = 0; c < count; c++) {
    const entries = found[c];
    const total = events[c] as number;
    dominantTypes[c] =
      entries === undefined
        ? []
        : entries
            .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
            .slice(0, topTypes)
            .map(([type, n]) => ({ type, share: total > 0 ? n / total : 0 }));
  }
  return { events, firstTs, lastTs, dominantTypes };
}
