/**
 * v0 trust score of an account inside its niche.
 *
 *   score(i) = withinNichePageRank(i) * posIn(i) / (posIn(i) + negIn(i))
 *
 * (the factor is 1 when i receives no weight at all).
 *
 * Why this shape:
 * - Trust is local (see DOMAIN.md): the PageRank is computed on the niche's induced
 *   positive subgraph, so a member is trusted when the people *of the niche* who are
 *   themselves trusted keep coming back to them, not when a far-away crowd does.
 * - PageRank on positive ties only is the strong baseline for trust on signed rating
 *   networks (S. Kumar, F. Spezzano, V. S. Subrahmanian, C. Faloutsos, "Edge Weight
 *   Prediction in Weighted Signed Networks", ICDM 2016, compare PageRank on the positive
 *   subgraph): a negative tie inverted into a positive arc would make disputed accounts
 *   look central.
 * - Negative ties subtract through the share of incoming weight that is positive
 *   (whole-graph strengths: a complaint counts wherever it comes from). The factor lies
 *   in [0, 1] and falls as negative weight grows, and nothing upstream reads negative
 *   weight (Louvain and PageRank see positive weight only), so adding a negative
 *   interaction can lower scores and can never raise one. With no negative weight the
 *   ranking is exactly within-niche PageRank.
 */
const PREFIX = 'nichegraph/analysis/trust';

/** Multiplier in [0, 1]: positive share of the incoming weight (1 when nothing comes in). */
export function positiveShare(positiveIn: number, negativeIn: number): number {
  const total = positiveIn + negativeIn;
  return total > 0 ? positiveIn / total : 1;
}

/** Trust score of every account (arrays indexed by account). */
export function trustScores(
  withinPagerank: Float64Array,
  positiveInStrength: Float64Array,
  negativeInStrength: Float64Array,
): Float64Array {
  const n = withinPagerank.length;
  if (positiveInStrength.length !== n || negativeInStrength.length !== n) {
    throw new RangeError(`${PREFIX}: pagerank, positive and negative in-strength must have the same length.`);
  }
  const scores = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    scores[i] = (withinPagerank[i] as number) * positiveShare(positiveInStrength[i] as number, negativeInStrength[i] as number);
  }
  return scores;
}

/**
 * Sorts account indices by score descending, ties by index ascending (indices follow
 * sorted account ids, so this is "then accountId ascending"). Returns a new array.
 */
export function rankByScore(members: ArrayLike<number>, scores: Float64Array): Int32Array {
  const ranked = Int32Array.from(members);
  ranked.sort((a, b) => (scores[b] as number) - (scores[a] as number) || a - b);
  return ranked;
}
