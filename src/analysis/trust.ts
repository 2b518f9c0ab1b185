/**
 * Trust score of an account inside its niche (v1).
 *
 *   score(i) = centrality(i) * ties(i) * positiveShare(i)
 *
 *   centrality(i)    = size(niche) * withinNichePageRank(i): positive weighted PageRank on
 *                      the niche's induced subgraph, relative to the niche average (1 =
 *                      average member), so scores compare across niches of any size;
 *   ties(i)          = 1 + (reciprocity(i) + repeat(i) + embeddedness(i)) / 3, in [1, 2]
 *                      (tie-strength.ts);
 *   positiveShare(i) = posIn(i) / (posIn(i) + negIn(i)), 1 when nothing comes in.
 *
 * Why this shape and these weights:
 * - Centrality is the base. Positive-only PageRank is the strong baseline for trust on
 *   signed rating networks (S. Kumar, F. Spezzano, V. S. Subrahmanian, C. Faloutsos,
 *   "Edge Weight Prediction in Weighted Signed Networks", ICDM 2016), and trust is local
 *   (DOMAIN.md), hence the niche's induced subgraph (a community-aware, local
 *   centrality: Ghalmane et al., EPJ Data Sci. 8:15, 2019).
 * - Tie strength can at most double it. Granovetter (AJS 1973) defines tie strength as a
 *   combination of time (repeated contact), intimacy/reciprocal services (reciprocity,
 *   Garlaschelli & Loffredo, PRL 2004) and the shared circle (embeddedness, Onnela et
 *   al., PNAS 2007), without weighting them: equal weights, each in [0, 1]. A bonus
 *   rather than a factor in [0, 1], because one-shot interactions (a single rating, one
 *   e-mail thread) are a legitimate form of data where all three are 0, and then the
 *   ranking is exactly the baseline's.
 * - Negative weight subtracts multiplicatively through the positive share of incoming
 *   weight, i.e. Kumar et al.'s goodness (mean signed weight received, in [-1, 1])
 *   rescaled to [0, 1]: (1 + goodness) / 2. Nothing upstream reads negative weight
 *   (Louvain, PageRank and the tie measures use positive weight), so a complaint can
 *   only lower a score.
 * - The Guimera-Amaral role (roles.ts) is reported next to the score, not folded into
 *   it; broadcasters (huge audience, no reciprocal ties) keep their score but are never
 *   listed as a niche's trusted members.
 */
const PREFIX = 'nichegraph/analysis/trust';

/** Multiplier in [0, 1]: positive share of the incoming weight (1 when nothing comes in). */
export function positiveShare(positiveIn: number, negativeIn: number): number {
  const total = positiveIn + negativeIn;
  return total > 0 ? positiveIn / total : 1;
}

export interface TrustInputs {
  /** Within-niche PageRank (sums to 1 in each niche). */
  withinPagerank: Float64Array;
  /** Size of the niche of each account. */
  nicheSize: ArrayLike<number>;
  reciprocity: Float64Array;
  repeat: Float64Array;
  embeddedness: Float64Array;
  positiveInStrength: Float64Array;
  negativeInStrength: Float64Array;
}

export interface TrustComponents {
  score: Float64Array;
  centrality: Float64Array;
  ties: Float64Array;
  positiveShare: Float64Array;
}

/** Tie factor in [1, 2] from three tie measures in [0, 1]. */
export function tieFactor(reciprocity: number, repeat: number, embeddedness: number): number {
  return 1 + (reciprocity + repeat + embeddedness) / 3;
}

/** Trust score and its components for every account (arrays indexed by account). */
export function trustScores(inputs: TrustInputs): TrustComponents {
  const n = inputs.withinPagerank.length;
  for (const key of ['nicheSize', 'reciprocity', 'repeat', 'embeddedness', 'positiveInStrength', 'negativeInStrength'] as const) {
    if (inputs[key].length !== n) throw new RangeError(`${PREFIX}: ${key} has length ${inputs[key].length}, expected ${n} (same length as withinPagerank).`);
  }
  const score = new Float64Array(n);
  const centrality = new Float64Array(n);
  const ties = new Float64Array(n);
  const share = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    centrality[i] = (inputs.withinPagerank[i] as number) * (inputs.nicheSize[i] as number);
    ties[i] = tieFactor(inputs.reciprocity[i] as number, inputs.repeat[i] as number, inputs.embeddedness[i] as number);
    share[i] = positiveShare(inputs.positiveInStrength[i] as number, inputs.negativeInStrength[i] as number);
    score[i] = (centrality[i] as number) * (ties[i] as number) * (share[i] as number);
  }
  return { score, centrality, ties, positiveShare: share };
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
