/**
 * Conversational niches: Louvain communities of the undirected positive projection.
 *
 * [Reference]: V. D. Blondel, J.-L. Guillaume, R. Lambiotte, E. Lefebvre, "Fast
 * unfolding of communities in large networks", J. Stat. Mech. (2008) P10008; run by
 * louvain.ts straight on the compact graph's CSR, with the resolution (gamma) of
 * Reichardt & Bornholdt / Lambiotte et al. Higher resolution -> more, smaller niches (cf.
 * the resolution limit, Fortunato & Barthelemy, PNAS 2007).
 *
 * Determinism: the only randomness (the visit order) comes from the injected `rng`, so
 * the same compact graph with the same resolution and seed gives the same partition.
 * Labels are numbered by first appearance in index order.
 *
 * Accounts without any positive tie stay alone: niches of one.
 */
import type { CompactGraph, Csr } from './compact-graph.js';
import { csrModularity, louvain } from './louvain.js';
import type { Rng } from './random.js';

export const DEFAULTS = {
  resolution: 1,
};

export interface CommunityOptions {
  /** Louvain resolution gamma, > 0. */
  resolution?: number;
  /** Source of randomness for Louvain's visit order. */
  rng: Rng;
}

export interface Communities {
  /** Community label of each account (0 .. count - 1), by first appearance in index order. */
  community: Int32Array;
  count: number;
  /**
   * Newman-Girvan modularity (gamma = 1) of the partition on the undirected positive
   * weights, whatever resolution produced it, so that runs at different resolutions
   * compare; 0 when there is no positive edge.
   */
  modularity: number;
}

const PREFIX = 'nichegraph/analysis/communities';

export function detectCommunities(graph: CompactGraph, options: CommunityOptions): Communities {
  const resolution = options.resolution ?? DEFAULTS.resolution;
  if (!Number.isFinite(resolution) || resolution <= 0) {
    throw new RangeError(`${PREFIX}: resolution must be a finite number > 0, got ${String(resolution)}.`);
  }
  if (typeof options.rng !== 'function') throw new TypeError(`${PREFIX}: options.rng must be a function.`);

  const { community, count } = louvainLabels(graph.order, graph.undirected, resolution, options.rng);
  return { community, count, modularity: modularity(graph, community, count) };
}

/**
 * One Louvain run on an undirected CSR (both directions stored, weights > 0). Labels are
 * numbered by first appearance in index order; a node without any entry gets a label of
 * its own. `initial`: warm start from that partition (louvain.ts).
 */
export function louvainLabels(order: number, csr: Csr, resolution: number, rng: Rng, initial?: Int32Array): { community: Int32Array; count: number } {
  if (csr.offsets.length !== order + 1) throw new RangeError(`${PREFIX}: the CSR has ${csr.offsets.length - 1} rows for ${order} accounts.`);
  const { community, count } = louvain(csr, { resolution, rng, ...(initial === undefined ? {} : { initial }) });
  return { community, count };
}

/** Renumbers labels by first appearance in index order; -1 (no label) gets a fresh label each. */
export function renumber(raw: Int32Array): { community: Int32Array; count: number } {
  const order = raw.length;
  const community = new Int32Array(order);
  const relabel = new Map<number, number>();
  let count = 0;
  for (let i = 0; i < order; i++) {
    const r = raw[i] as number;
    if (r < 0) {
      community[i] = count++;
      continue;
    }
    let label = relabel.get(r);
    if (label === undefined) {
      label = count++;
      relabel.set(r, label);
    }
    community[i] = label;
  }
  return { community, count };
}

/**
 * Modularity Q = sum_c [ w_in(c) / 2m - gamma * (vol(c) / 2m)^2 ] on the undirected
 * positive weights (Newman & Girvan 2004; gamma = 1 is the standard definition), where
 * w_in(c) counts each internal edge twice and vol(c) is the sum of weighted degrees.
 */
export function modularity(graph: CompactGraph, community: Int32Array, count: number, resolution = 1): number {
  if (community.length !== graph.order) throw new RangeError(`${PREFIX}: community has ${community.length} labels for ${graph.order} accounts.`);
  // vol(c) from the undirected rows: each row sums to the account's weighted degree.
  return csrModularity(graph.undirected, community, count, resolution);
}

/** Members grouped by community: community c is members[starts[c] .. starts[c + 1]), in index order. */
export interface CommunityGroups {
  starts: Int32Array;
  members: Int32Array;
}

export function groupByCommunity(community: Int32Array, count: number): CommunityGroups {
  const order = community.length;
  const starts = new Int32Array(count + 1);
  for (let i = 0; i < order; i++) {
    const c = community[i] as number;
    if (c < 0 || c >= count) throw new RangeError(`${PREFIX}: community label ${c} is outside 0..${count - 1}.`);
    starts[c + 1] = (starts[c + 1] as number) + 1;
  }
  for (let c = 0; c < count; c++) starts[c + 1] = (starts[c + 1] as number) + (starts[c] as number);
  const members = new Int32Array(order);
  const cursor = starts.slice(0, count);
  for (let i = 0; i < order; i++) {
    const c = community[i] as number;
    members[cursor[c] as number] = i;
    cursor[c] = (cursor[c] as number) + 1;
  }
  return { starts, members };
}
