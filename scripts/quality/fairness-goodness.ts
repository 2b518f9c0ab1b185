/**
 * Fairness and goodness on a weighted signed network, for the forecast table of
 * `npm run quality` (a reference measure and an ablation of the trust score, not part of
 * the service).
 *
 * [Reference]: S. Kumar, F. Spezzano, V. S. Subrahmanian, C. Faloutsos, "Edge Weight
 * Prediction in Weighted Signed Networks", ICDM 2016 (the FxG algorithm). With ratings
 * scaled to [-1, 1], iterate from f = g = 1 until nothing moves:
 *   g(v) = mean over raters u of f(u) * w(u, v)                     (goodness, [-1, 1])
 *   f(u) = 1 - mean over rated v of |w(u, v) - g(v)| / 2           (fairness, [0, 1])
 * A rater whose ratings disagree with the consensus on the rated accounts counts less.
 */
export interface SignedArc {
  source: string;
  target: string;
  /** The pair's rating, already scaled to [-1, 1]. */
  weight: number;
}

export interface FairnessGoodness {
  fairness: Map<string, number>;
  goodness: Map<string, number>;
  iterations: number;
}

/** FxG on arcs (one per ordered pair, no self-arcs). Accounts never rated get goodness 0, never rating fairness 1. */
export function fairnessGoodness(arcs: readonly SignedArc[], tolerance = 1e-9, maxIterations = 1000): FairnessGoodness {
  const index = new Map<string, number>();
  const ids: string[] = [];
  const at = (id: string): number => {
    let i = index.get(id);
    if (i === undefined) {
      i = ids.length;
      index.set(id, i);
      ids.push(id);
    }
    return i;
  };
  const src = Int32Array.from(arcs, (a) => at(a.source));
  const dst = Int32Array.from(arcs, (a) => at(a.target));
  const w = Float64Array.from(arcs, (a) => {
    if (!(a.weight >= -1 && a.weight <= 1)) throw new RangeError(`quality/fairness-goodness: weight ${a.weight} of ${a.source} -> ${a.target} is outside [-1, 1].`);
    return a.weight;
  });
  const n = ids.length;
  const inDegree = new Float64Array(n);
  const outDegree = new Float64Array(n);
  for (let k = 0; k < arcs.length; k++) {
    inDegree[dst[k] as number] = (inDegree[dst[k] as number] as number) + 1;
    outDegree[src[k] as number] = (outDegree[src[k] as number] as number) + 1;
  }
  let fairness = new Float64Array(n).fill(1);
  let goodness = new Float64Array(n).fill(1);
  let iterations = 0;
  for (; iterations < maxIterations; iterations++) {
    const g = new Float64Array(n);
    for (let k = 0; k < arcs.length; k++) g[dst[k] as number] = (g[dst[k] as number] as number) + (fairness[src[k] as number] as number) * (w[k] as number);
    for (let i = 0; i < n; i++) g[i] = (inDegree[i] as number) > 0 ? (g[i] as number) / (inDegree[i] as number) : 0;
    const error = new Float64Array(n);
    for (let k = 0; k < arcs.length; k++) error[src[k] as number] = (error[src[k] as number] as number) + Math.abs((w[k] as number) - (g[dst[k] as number] as number));
    const f = new Float64Array(n);
    for (let i = 0; i < n; i++) f[i] = (outDegree[i] as number) > 0 ? 1 - (error[i] as number) / (2 * (outDegree[i] as number)) : 1;
    let change = 0;
    for (let i = 0; i < n; i++) change += Math.abs((f[i] as number) - (fairness[i] as number)) + Math.abs((g[i] as number) - (goodness[i] as number));
    fairness = f;
    goodness = g;
    if (change < tolerance) {
      iterations++;
      break;
    }
  }
  return {
    fairness: new Map(ids.map((id, i) => [id, fairness[i] as number])),
    goodness: new Map(ids.map((id, i) => [id, goodness[i] as number])),
    iterations,
  };
}
