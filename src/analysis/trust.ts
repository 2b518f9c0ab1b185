/**
 * Trust score of an account inside its niche (v2).
 *
 *   score(i) = centrality(i) * ties(i) * positiveShare(i)
 *
 *   centrality(i)    = size(niche) * withinNichePageRank(i): positive weighted PageRank on
 *                      the niche's induced subgraph, relative to the niche average (1 =
 *                      average member), so scores compare across niches of any size;
 *   ties(i)          = 1 + (reciprocity(i) + repeat(i) + embeddedness(i)) / 3, in [1, 2]
 *                      (tie-strength.ts);
 *   positiveShare(i) = max(0, (posIn(i) - negIn(i) + a) / (posIn(i) + negIn(i) + a)), the
 *                      net positive share of the weight received, in [0, 1], with a prior
 *                      of a = DEFAULTS.priorWeight (2) units of positive weight; 1 when
 *                      nothing negative comes in.
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
 * - Negative weight subtracts: each unit of complaint cancels one unit of praise, and what
 *   remains positive, as a share of all the weight received, is the factor. This is
 *   Kumar et al.'s goodness (mean signed weight received, in [-1, 1]) floored at 0, where
 *   v1 used (1 + goodness) / 2: that halved the leverage of complaints (an account rated
 *   half negative kept half its score), and a score built on the ratings before a date
 *   forecast the ratings after it worse than positive PageRank x positive share did
 *   (`npm run quality`, forecast table). An account whose complaints outweigh its praise
 *   scores 0.
 * - Scarce evidence: the share carries a prior of `priorWeight` units of positive weight
 *   (a Beta-style pseudo-count, as in Laplace's rule of succession and the beta
 *   reputation system of A. Josang & R. Ismail, Bled eConference 2002), so one small
 *   complaint against an account nobody else rated does not zero it, while a sustained
 *   record does. The prior is 2 units of weight, i.e. two interactions of the default
 *   weight 1: the pseudo-count of Laplace's rule, chosen from that principle, not fitted.
 *   It leans to the positive side (prior mean 1) so that a graph without negative
 *   interactions scores exactly as before (every factor 1), and it depends on the
 *   account's own evidence only, so a complaint against one account changes no other
 *   account's factor.
 * - Rater fairness (Kumar et al.'s FxG, which weights each rating by the rater's
 *   fairness) was measured in the same forecast and did not help (within noise, lower
 *   at the median cut): it is not in the score.
 * - Recency is not a trust parameter: `halfLife` decays each interaction's weight in the
 *   projection (time-decay.ts), so every component sees recent interactions weigh more.
 * - The Guimera-Amaral role (roles.ts) is reported next to the score, not folded into
 *   it; broadcasters (huge audience, no reciprocal ties) keep their score but are never
 *   listed as a niche's trusted members.
 */
const PREFIX = 'nichegraph/analysis/trust';

export const DEFAULTS = {
  /** Prior positive weight in the net positive share: two interactions of weight 1 (Laplace's pseudo-count). */
  priorWeight: 2,
};

/**
 * Multiplier in [0, 1]: net positive share of the incoming weight with a prior of
 * `priorWeight` positive units, max(0, (pos - neg + a) / (pos + neg + a)). 1 when nothing
 * negative comes in; strictly decreasing in `negativeIn` while above 0, never decreasing
 * in `positiveIn`.
 */
export function positiveShare(positiveIn: number, negativeIn: number, priorWeight: number = DEFAULTS.priorWeight): number {
  const total = positiveIn + negativeIn + priorWeight;
  if (!(total > 0)) return 1;
  return Math.max(0, (positiveIn - negativeIn + priorWeight) / total);
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
