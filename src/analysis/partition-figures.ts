/**
 * The figures of a found partition that no later step of the communities phase reads: the
 * modularity of its two levels and, per account and per niche, how much the real runs agree
 * with it (membership confidence, niche stability). Kept apart from niches.ts so that they
 * can be computed as a side task (side-tasks.ts) on a helper thread while the scoring phase
 * starts, from plain typed arrays.
 *
 * [References]:
 * - Modularity: M. E. J. Newman & M. Girvan, PRE 69, 026113 (2004), as louvain.ts csrModularity.
 * - Confidence and stability against independent runs: A. Lancichinetti & S. Fortunato, Sci.
 *   Rep. 2:336 (2012), as consensus.ts membershipFigures.
 */
import type { Csr } from './compact-graph.js';

const PREFIX = 'nichegraph/analysis/partition-figures';

/** What partitionFigures reads: the partition on the accounts, and the runs on the contracted graph's nodes. */
export interface PartitionFiguresInput {
  /** The undirected positive ties of the accounts (the compact graph's `undirected`). */
  csr: Csr;
  /** Account -> community 0 .. communityCount - 1. */
  community: Int32Array;
  communityCount: number;
  /** Account -> niche 0 .. nicheCount - 1. */
  niche: Int32Array;
  nicheCount: number;
  /** Account -> node of the contracted graph the runs were made on, and accounts per node. */
  node: Int32Array;
  nodeSize: Float64Array;
  /** The real runs, labels per node. */
  runs: Int32Array[];
}

export interface PartitionFigures {
  /** Modularity at resolution 1 of the communities and of the niches. */
  communityModularity: number;
  nicheModularity: number;
  /** Per account: share of the runs that put it in (the counterpart of) its niche. */
  confidence: Float64Array;
  /** Per niche: mean Jaccard agreement with its counterpart in each run. */
  stability: Float64Array;
}

export function partitionFigures(input: PartitionFiguresInput): PartitionFigures {
  const { confidence, stability } = membershipFiguresOnNodes(input.niche, input.nicheCount, input.node, input.nodeSize, input.runs);
  const modularity = nestedModularities(input.csr, { community: input.community, count: input.communityCount }, { community: input.niche, count: input.nicheCount });
  return { communityModularity: modularity.outer, nicheModularity: modularity.inner, confidence, stability };
}

/**
 * Modularity at resolution 1 of two partitions of `csr` (louvain.ts csrModularity of each),
 * in one pass over the ties: each partition's sums get the same terms in the same order as
 * csrModularity adds them, so both figures are its own, bit for bit.
 */
export function nestedModularities(csr: Csr, outer: { community: Int32Array; count: number }, inner: { community: Int32Array; count: number }): { outer: number; inner: number } {
  const order = csr.offsets.length - 1;
  const a = outer.community;
  const b = inner.community;
  if (a.length !== order || b.length !== order) throw new RangeError(`${PREFIX}: ${a.length} and ${b.length} labels for ${order} nodes.`);
  const internalA = new Float64Array(outer.count);
  const volumeA = new Float64Array(outer.count);
  const internalB = new Float64Array(inner.count);
  const volumeB = new Float64Array(inner.count);
  let twoM = 0;
  for (let i = 0; i < order; i++) {
    const c = a[i] as number;
    const d = b[i] as number;
    if (!(c >= 0 && c < outer.count && d >= 0 && d < inner.count)) throw new RangeError(`${PREFIX}: label ${c} or ${d} of node ${i} is outside 0..${outer.count - 1} or 0..${inner.count - 1}.`);
    // The running sums of the node's groups, carried through its row (the same additions as into the arrays).
    let volA = volumeA[c] as number;
    let inA = internalA[c] as number;
    let volB = volumeB[d] as number;
    let inB = internalB[d] as number;
    for (let e = csr.offsets[i] as number, end = csr.offsets[i + 1] as number; e < end; e++) {
      const w = csr.weights[e] as number;
      const j = csr.targets[e] as number;
      volA += w;
      volB += w;
      twoM += w;
      if (a[j] === c) inA += w;
      if (b[j] === d) inB += w;
    }
    volumeA[c] = volA;
    internalA[c] = inA;
    volumeB[d] = volB;
    internalB[d] = inB;
  }
  if (twoM === 0) return { outer: 0, inner: 0 };
  const q = (internal: Float64Array, volume: Float64Array): number => {
    let sum = 0;
    for (let c = 0; c < internal.length; c++) {
      const share = (volume[c] as number) / twoM;
      sum += (internal[c] as number) / twoM - share * share;
    }
    return sum;
  };
  return { outer: q(internalA, volumeA), inner: q(internalB, volumeB) };
}


/** Indices 0 .. n - 1 grouped by label (a counting sort, index order kept inside a group). */
function groupOrder(labels: Int32Array): Int32Array {
  const count = countOf(labels);
  const start = new Int32Array(count + 1);
  for (let i = 0; i < labels.length; i++) start[(labels[i] as number) + 1] = (start[(labels[i] as number) + 1] as number) + 1;
  for (let c = 0; c < count; c++) start[c + 1] = (start[c + 1] as number) + (start[c] as number);
  const order = new Int32Array(labels.length);
  for (let i = 0; i < labels.length; i++) {
    const c = labels[i] as number;
    order[start[c] as number] = i;
    start[c] = (start[c] as number) + 1;
  }
  return order;
}


/**
 * Membership confidence of each account and stability of each niche against runs made on
 * the nodes of a contracted graph (`node`: account -> node, `size`: accounts per node), as
 * consensus.ts's membershipFigures would compute them account by account: every account of
 * one node in one niche shares the node's run labels, so the overlaps are counted over those
 * (niche, node) pieces, weighted by their accounts.
 */
export function membershipFiguresOnNodes(niche: Int32Array, count: number, node: Int32Array, size: Float64Array, runs: readonly Int32Array[]): { confidence: Float64Array; stability: Float64Array } {
  const n = niche.length;
  const confidence = new Float64Array(n);
  const stability = new Float64Array(count);
  if (runs.length === 0) return { confidence: confidence.fill(1), stability: stability.fill(1) };
  // Pieces: distinct (niche, node) pairs, with their accounts, numbered niche by niche (the
  // pieces of niche c are pieceStart[c] .. pieceStart[c + 1] - 1). How they are numbered
  // changes no figure: every sum below adds whole numbers of accounts, and ties are broken by label.
  const byNiche = groupOrder(niche);
  const piece = new Int32Array(n);
  const pieceNode = new Int32Array(n);
  const pieceWeight = new Float64Array(n);
  const pieceStart = new Int32Array(count + 1);
  const nicheSize = new Float64Array(count);
  const slot = new Int32Array(countOf(node)).fill(-1);
  let pieces = 0;
  for (let a = 0; a < n; ) {
    const c = niche[byNiche[a] as number] as number;
    const first = pieces;
    let b = a;
    for (; b < n && niche[byNiche[b] as number] === c; b++) {
      const i = byNiche[b] as number;
      const v = node[i] as number;
      let p = slot[v] as number;
      if (p === -1) {
        p = pieces++;
        slot[v] = p;
        pieceNode[p] = v;
      }
      piece[i] = p;
      pieceWeight[p] = (pieceWeight[p] as number) + 1;
    }
    for (let p = first; p < pieces; p++) slot[pieceNode[p] as number] = -1;
    nicheSize[c] = b - a;
    pieceStart[c + 1] = pieces;
    a = b;
  }
  // Niches without accounts (none in a renumbered partition) have no pieces.
  for (let c = 0; c < count; c++) if ((pieceStart[c + 1] as number) < (pieceStart[c] as number)) pieceStart[c + 1] = pieceStart[c] as number;
  const pieceHits = new Float64Array(pieces);
  // Per run, each niche's overlaps are summed in a scratch row; `pieceLabel` keeps each piece's run label for the hit count.
  const overlap = new Float64Array(countOf(node) + 1);
  const touched = new Int32Array(pieces);
  const pieceLabel = new Int32Array(pieces);
  for (const run of runs) {
    const width = countOf(run);
    const runSize = new Float64Array(width);
    for (let v = 0; v < run.length; v++) runSize[run[v] as number] = (runSize[run[v] as number] as number) + (size[v] as number);
    for (let c = 0; c < count; c++) {
      const s = pieceStart[c] as number;
      const t = pieceStart[c + 1] as number;
      if (s === t) continue;
      let touchedCount = 0;
      for (let p = s; p < t; p++) {
        const l = run[pieceNode[p] as number] as number;
        pieceLabel[p] = l;
        if (overlap[l] === 0) touched[touchedCount++] = l;
        overlap[l] = (overlap[l] as number) + (pieceWeight[p] as number);
      }
      // The counterpart: the run group of largest overlap, the smallest label among equals.
      let best = -1;
      let bestOverlap = 0;
      for (let q = 0; q < touchedCount; q++) {
        const l = touched[q] as number;
        const o = overlap[l] as number;
        if (o > bestOverlap || (o === bestOverlap && l < best)) {
          best = l;
          bestOverlap = o;
        }
        overlap[l] = 0;
      }
      for (let p = s; p < t; p++) if (pieceLabel[p] === best) pieceHits[p] = (pieceHits[p] as number) + 1;
      const union = (nicheSize[c] as number) + (runSize[best] as number) - bestOverlap;
      stability[c] = (stability[c] as number) + (union > 0 ? bestOverlap / union : 1);
    }
  }
  for (let i = 0; i < n; i++) confidence[i] = (pieceHits[piece[i] as number] as number) / runs.length;
  for (let c = 0; c < count; c++) stability[c] = (stability[c] as number) / runs.length;
  return { confidence, stability };
}

function countOf(labels: Int32Array): number {
  let max = -1;
  for (let i = 0; i < labels.length; i++) if ((labels[i] as number) > max) max = labels[i] as number;
  return max + 1;
}
