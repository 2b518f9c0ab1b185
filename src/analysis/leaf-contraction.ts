/**
 * The graph the niche engine runs on: every account with a single tie contracted into the
 * account it is tied to.
 *
 * An account with a single tie is in no triad, so it cannot be a member of a circle in its
 * own right (the triad is the smallest group, G. Simmel, 1908, the rule behind
 * minNicheSize): wherever its one neighbour is, it is there too. Contracting it into that
 * neighbour (weights kept: the tie becomes the node's loop, weighted-graph.ts) keeps every
 * modularity and CPM figure of a partition that keeps it there, so the niche and community
 * runs see the same quality function on fewer nodes. Only single-tie accounts are
 * contracted, not whole hanging trees: a long chain ending in a large star would make the
 * core account it hangs from as heavy as the star, and at a high resolution that would pull
 * it out of its own circle. On higgs-twitter's retweet layer, where 73% of the accounts
 * have a single tie (mostly the audiences of a few broadcasters), the contracted graph has
 * 30% of the nodes and 45% of the ties.
 */
import type { Csr } from './compact-graph.js';
import { accountGraph, contract, type WeightedGraph } from './weighted-graph.js';

export interface LeafContraction {
  /** The contracted graph: one node per account with two ties or more (and per dyad or isolated account). */
  graph: WeightedGraph;
  /** account -> node of `graph` (0 .. count - 1, by first appearance in account order). */
  node: Int32Array;
  count: number;
  /** Per node of `graph`: member accounts with at least two ties (distinct neighbours). */
  tied: Float64Array;
  /** Per node of `graph`: its root account (the one its contracted leaves hang from). */
  root: Int32Array;
}

/**
 * Root of every account: an account with a single tie hangs from its one neighbour (of a
 * dyad, the one with the lower index hangs from the other); every other account is its
 * own root.
 */
export function leafRoots(csr: Csr): Int32Array {
  const n = csr.offsets.length - 1;
  const { offsets, targets } = csr;
  const root = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    root[i] = i;
    if ((offsets[i + 1] as number) - (offsets[i] as number) !== 1) continue;
    const j = targets[offsets[i] as number] as number;
    const dyad = (offsets[j + 1] as number) - (offsets[j] as number) === 1;
    if (!dyad || i < j) {
      root[i] = j;
    }
  }
  return root;
}

export function leafContraction(csr: Csr): LeafContraction {
  const n = csr.offsets.length - 1;
  const root = leafRoots(csr);
  const relabel = new Int32Array(n).fill(-1);
  const node = new Int32Array(n);
  let count = 0;
  for (let i = 0; i < n; i++) {
    const r = root[i] as number;
    if (relabel[r] === -1) relabel[r] = count++;
    node[i] = relabel[r] as number;
  }
  const tied = new Float64Array(count);
  for (let i = 0; i < n; i++) if ((csr.offsets[i + 1] as number) - (csr.offsets[i] as number) >= 2) tied[node[i] as number] = (tied[node[i] as number] as number) + 1;
  const rootOf = new Int32Array(count);
  for (let i = 0; i < n; i++) if (root[i] === i) rootOf[node[i] as number] = i;
  // No single-tie account (e.g. a graph whose every account has two ties or more): node i is
  // account i, and contracting would only copy the graph's rows (sorted, one entry per
  // neighbour) into new arrays, a pass over every tie (seconds on 10M ties). The accounts'
  // graph is then the contracted graph itself, the same arrays.
  const graph = count === n ? accountGraph(csr) : contract(accountGraph(csr), node, count);
  return { graph, node, count, tied, root: rootOf };
}
