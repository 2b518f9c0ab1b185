/**
 * Connected niches: split every niche into the connected parts of its internal ties.
 *
 * [Reference]: V. A. Traag, L. Waltman, N. J. van Eck, "From Louvain to Leiden:
 * guaranteeing well-connected communities", Sci. Rep. 9:5233 (2019). Louvain can return
 * communities whose members are not connected through the community itself (moving a
 * bridge node out leaves two halves behind). Leiden's refinement guarantees connected
 * communities; the minimum this step gives is the same guarantee: each returned niche
 * induces a connected subgraph. Splitting a disconnected community never lowers
 * modularity (the parts share no edge, and the null-model term only shrinks).
 *
 * Labels of the result are renumbered by first appearance in index order.
 */
import type { Csr } from './compact-graph.js';

export interface SplitResult {
  community: Int32Array;
  count: number;
  /** How many input communities were disconnected (and split). */
  disconnected: number;
}

const PREFIX = 'nichegraph/analysis/connectivity';

export function splitDisconnected(undirected: Csr, community: Int32Array, count: number): SplitResult {
  const order = community.length;
  if (undirected.offsets.length !== order + 1) throw new RangeError(`${PREFIX}: the adjacency has ${undirected.offsets.length - 1} rows for ${order} labels.`);
  // `pending` is the community label of every account not yet reached (-1 once reached): the
  // test of each tie reads one array instead of two (reached? same community?).
  const pending = Int32Array.from(community);
  for (let i = 0; i < order; i++) {
    const c = pending[i] as number;
    if (c < 0 || c >= count) throw new RangeError(`${PREFIX}: community label ${c} is outside 0..${count - 1}.`);
  }
  const component = new Int32Array(order);
  const stack = new Int32Array(order);
  const parts = new Int32Array(count);
  let next = 0;
  for (let s = 0; s < order; s++) {
    const c = pending[s] as number;
    if (c === -1) continue;
    parts[c] = (parts[c] as number) + 1;
    const id = next++;
    component[s] = id;
    pending[s] = -1;
    let top = 0;
    stack[top++] = s;
    while (top > 0) {
      const i = stack[--top] as number;
      for (let k = undirected.offsets[i] as number, end = undirected.offsets[i + 1] as number; k < end; k++) {
        const j = undirected.targets[k] as number;
        if (pending[j] === c) {
          component[j] = id;
          pending[j] = -1;
          stack[top++] = j;
        }
      }
    }
  }
  let disconnected = 0;
  for (let c = 0; c < count; c++) if ((parts[c] as number) > 1) disconnected++;
  // Components are numbered as their first (lowest-index) member is met: already by first appearance.
  return { community: component, count: next, disconnected };
}

/** Number of communities whose members are not connected through internal ties. */
export function countDisconnected(undirected: Csr, community: Int32Array, count: number): number {
  return splitDisconnected(undirected, community, count).disconnected;
}
