/**
 * Niche lineage between two analyses of the same graph: which niches of the current
 * analysis continue, grew, shrank, split from, merged or were born since a baseline
 * analysis, which baseline niches dissolved, and which niche ids carry over.
 *
 * [Reference]: D. Greene, D. Doyle, P. Cunningham, "Tracking the evolution of communities
 * in dynamic social networks", ASONAM 2010: match each step community to the fronts of
 * the dynamic communities by Jaccard similarity above a threshold theta (they found 0.3
 * to work across their networks and adopt it), and read the events off the matches: one
 * match = continuation, several fronts onto one community = merge, one front onto several
 * communities = split, none = birth; a front matched by nothing dies. Growth and
 * contraction of a continuation follow G. Palla, A.-L. Barabasi, T. Vicsek, "Quantifying
 * social group evolution", Nature 446 (2007).
 *
 * Rules (J = |B n C| / |B u C| over accounts; B a baseline niche, C a current one; a member
 * of B absent from the current analysis still counts in |B|):
 * - B and C are related when J >= `match` (0.3, Greene et al.).
 * - C's event: no related B -> born; two or more -> merged; exactly one B, which is related
 *   to two or more current niches -> split; otherwise grown when |C| >= (1 + sizeChange)|B|,
 *   shrunk when |C| <= (1 - sizeChange)|B|, else continued (sizeChange = 0.25: a quarter of
 *   the niche joined or left, the smallest change we call a change; a convention, not a
 *   fitted value).
 * - Ids: C keeps B's id when they are each other's best match (highest J, ties by the
 *   lower index); every other current niche needs a new id, never used before in the graph
 *   (the caller allocates them, e.g. from a per-graph counter). So a split's largest
 *   overlap keeps the id and the other parts are new; a merge keeps the id of its best
 *   matching parent, whose siblings' ids retire.
 * - Dissolved: baseline niches related to no current niche.
 * The unassigned group is not a niche: it is neither matched nor renamed.
 */
const PREFIX = 'nichegraph/analysis/lineage';

export const DEFAULTS = {
  /** Jaccard at or above which a baseline and a current niche are related (Greene et al. 2010). */
  match: 0.3,
  /** Relative size change of a one-to-one continuation that reads as grown / shrunk. */
  sizeChange: 0.25,
};

export type LineageEvent = 'continued' | 'grown' | 'shrunk' | 'split' | 'merged' | 'born';

export const LINEAGE_EVENTS: readonly LineageEvent[] = ['continued', 'grown', 'shrunk', 'split', 'merged', 'born'];

export interface LineageInput {
  /** Current niche of each account of the current analysis, 0..currentCount-1, or -1 (unassigned). */
  current: Int32Array;
  currentCount: number;
  /** Baseline niche of the same accounts (same indexing), or -1 (unassigned or absent from the baseline). */
  baseline: Int32Array;
  /** Size of each baseline niche, members absent from the current analysis included. */
  baselineSize: ArrayLike<number>;
}

export interface LineageOptions {
  match?: number;
  sizeChange?: number;
}

export interface NicheLineage {
  event: LineageEvent;
  /** Related baseline niches, highest Jaccard first (ties by index). */
  from: Array<{ baseline: number; jaccard: number }>;
  /** The baseline niche whose id this niche keeps, or -1 (it needs a new id). */
  keeps: number;
}

export interface Lineage {
  niches: NicheLineage[];
  /** Baseline niches related to no current niche, ascending. */
  dissolved: number[];
}

function resolve(options: LineageOptions | undefined): Required<LineageOptions> {
  const match = options?.match ?? DEFAULTS.match;
  const sizeChange = options?.sizeChange ?? DEFAULTS.sizeChange;
  if (!(match > 0 && match <= 1)) throw new RangeError(`${PREFIX}: match must be in (0, 1], got ${String(match)}.`);
  if (!(sizeChange > 0 && sizeChange < 1)) throw new RangeError(`${PREFIX}: sizeChange must be in (0, 1), got ${String(sizeChange)}.`);
  return { match, sizeChange };
}

/** Lineage of the current niches relative to the baseline ones. O(accounts + related pairs). */
export function nicheLineage(input: LineageInput, options?: LineageOptions): Lineage {
  const { match, sizeChange } = resolve(options);
  const { current, baseline, currentCount, baselineSize } = input;
  const baselineCount = baselineSize.length;
  if (current.length !== baseline.length) throw new RangeError(`${PREFIX}: current has ${current.length} labels, baseline ${baseline.length}.`);

  const currentSize = new Float64Array(currentCount);
  const seenInBaseline = new Float64Array(baselineCount);
  // Intersections, keyed b * currentCount + c (exact below 2^53).
  const overlap = new Map<number, number>();
  for (let i = 0; i < current.length; i++) {
    const c = current[i] as number;
    const b = baseline[i] as number;
    if (c >= currentCount || b >= baselineCount) throw new RangeError(`${PREFIX}: account ${i} has label ${c} / ${b} outside 0..${currentCount - 1} / 0..${baselineCount - 1}.`);
    if (c >= 0) currentSize[c] = (currentSize[c] as number) + 1;
    if (b >= 0) seenInBaseline[b] = (seenInBaseline[b] as number) + 1;
    if (c >= 0 && b >= 0) {
      const key = b * currentCount + c;
      overlap.set(key, (overlap.get(key) ?? 0) + 1);
    }
  }
  for (let b = 0; b < baselineCount; b++) {
    if ((seenInBaseline[b] as number) > (baselineSize[b] as number)) {
      throw new RangeError(`${PREFIX}: baseline niche ${b} has size ${baselineSize[b] as number} but ${seenInBaseline[b] as number} accounts carry its label.`);
    }
  }

  const fromOf: Array<Array<{ baseline: number; jaccard: number }>> = Array.from({ length: currentCount }, () => []);
  const toOf: Array<Array<{ current: number; jaccard: number }>> = Array.from({ length: baselineCount }, () => []);
  for (const [key, shared] of overlap) {
    const b = Math.floor(key / currentCount);
    const c = key - b * currentCount;
    const jaccard = shared / ((baselineSize[b] as number) + (currentSize[c] as number) - shared);
    if (jaccard >= match) {
      fromOf[c]?.push({ baseline: b, jaccard });
      toOf[b]?.push({ current: c, jaccard });
    }
  }
  for (const list of fromOf) list.sort((x, y) => y.jaccard - x.jaccard || x.baseline - y.baseline);
  for (const list of toOf) list.sort((x, y) => y.jaccard - x.jaccard || x.current - y.current);

  const niches: NicheLineage[] = [];
  for (let c = 0; c < currentCount; c++) {
    const from = fromOf[c] as Array<{ baseline: number; jaccard: number }>;
    let event: LineageEvent;
    if (from.length === 0) event = 'born';
    else if (from.length >= 2) event = 'merged';
    else {
      const b = (from[0] as { baseline: number }).baseline;
      if ((toOf[b] as unknown[]).length >= 2) event = 'split';
      else {
        const before = baselineSize[b] as number;
        const now = currentSize[c] as number;
        event = now >= (1 + sizeChange) * before ? 'grown' : now <= (1 - sizeChange) * before ? 'shrunk' : 'continued';
      }
    }
    const best = from[0];
    const keeps = best !== undefined && (toOf[best.baseline] as Array<{ current: number }>)[0]?.current === c ? best.baseline : -1;
    niches.push({ event, from, keeps });
  }
  const dissolved: number[] = [];
  for (let b = 0; b < baselineCount; b++) if ((toOf[b] as unknown[]).length === 0) dissolved.push(b);
  return { niches, dissolved };
}

/**
 * Niche ids of the current analysis: kept ones from `baselineIds`, new ones "n<k>" for
 * k = firstFree, firstFree + 1, ... in current order. Returns the ids and how many new
 * ones were used (the caller's counter moves by that much).
 */
export function assignNicheIds(lineage: Lineage, baselineIds: readonly string[], firstFree: number): { ids: string[]; used: number } {
  if (!Number.isSafeInteger(firstFree) || firstFree < 0) throw new RangeError(`${PREFIX}: firstFree must be an integer >= 0, got ${String(firstFree)}.`);
  let next = firstFree;
  const ids = lineage.niches.map((n) => {
    if (n.keeps >= 0) {
      const id = baselineIds[n.keeps];
      if (id === undefined) throw new RangeError(`${PREFIX}: no baseline id for baseline niche ${n.keeps}.`);
      return id;
    }
    return `n${next++}`;
  });
  return { ids, used: next - firstFree };
}

/** Event counts, every event present (0 when none), plus dissolved. */
export function lineageCounts(lineage: Lineage): Record<LineageEvent | 'dissolved', number> {
  const counts = { continued: 0, grown: 0, shrunk: 0, split: 0, merged: 0, born: 0, dissolved: lineage.dissolved.length };
  for (const n of lineage.niches) counts[n.event]++;
  return counts;
}
