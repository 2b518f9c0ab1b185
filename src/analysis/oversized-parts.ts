/**
 * The part of a partition still above a size limit, as independent graphs to refine: what
 * the niche-scale ladder (niches.ts) probes at its next rung, instead of the whole graph.
 *
 * [References]: refining only the modules that are still too coarse, each on its own, is
 * the recursive partitioning of J. Ruan & W. Zhang ("Identifying network communities with
 * a high resolution", PRE 77, 016104, 2008), which works around the resolution limit of
 * modularity (S. Fortunato & M. Barthelemy, PNAS 104:36, 2007). Unlike Ruan & Zhang, the
 * modularity stays the whole graph's: every part is run with its nodes' strengths in the
 * whole graph and with a resolution scaled so that the null-model term is the whole
 * graph's, gamma * s_i * S_C / 2m (leiden.ts scales it by the total node weight it is
 * given, the part's: the part's resolution is gamma * W_part / W). A run on a part then
 * optimises exactly the whole graph's modularity at gamma over the partitions that refine
 * the given groups (the ties between groups are dropped, so no community can cross them).
 *
 * The groups at or below the limit are kept as they are. The oversized groups are dealt,
 * whole and in label order, into at most `parts` graphs of about equal numbers of ties (a
 * fixed number, not the machine's thread count, so the result does not depend on where the
 * runs execute); a graph without ties is left out (its nodes stay as they are).
 */
import type { Csr } from './compact-graph.js';
import { renumberLabels } from './leiden.js';

export interface OversizedPart {
  /** Node of the input graph of each node of the part, increasing. */
  nodes: Int32Array;
  /** The part's graph: the ties of `nodes` inside their groups, renumbered. */
  csr: Csr;
  /** Strengths (in the whole graph) of the part's nodes. */
  nodeWeights: Float64Array;
  /** Sum of nodeWeights (W_part). */
  weight: number;
}

const PREFIX = 'nichegraph/analysis/oversized-parts';

/**
 * The groups of `labels` whose `size` (summed over their nodes) is above `limit`, as up to
 * `parts` graphs (see the module doc).
 */
export function oversizedParts(csr: Csr, labels: Int32Array, size: Float64Array, nodeWeights: Float64Array, limit: number, parts: number): OversizedPart[] {
  const n = csr.offsets.length - 1;
  if (labels.length !== n || size.length !== n || nodeWeights.length !== n) throw new RangeError(`${PREFIX}: labels, size and nodeWeights must have one value per node (${n}).`);
  if (!Number.isSafeInteger(parts) || parts < 1) throw new RangeError(`${PREFIX}: parts must be an integer >= 1, got ${String(parts)}.`);
  let count = 0;
  for (let i = 0; i < n; i++) {
    const c = labels[i] as number;
    if (c < 0) throw new RangeError(`${PREFIX}: labels[${i}] is negative.`);
    if (c + 1 > count) count = c + 1;
  }
  const groupSize = new Float64Array(count);
  const groupNodes = new Int32Array(count);
  for (let i = 0; i < n; i++) {
    const c = labels[i] as number;
    groupSize[c] = (groupSize[c] as number) + (size[i] as number);
    groupNodes[c] = (groupNodes[c] as number) + 1;
  }
  const { offsets, targets, weights } = csr;
  // The ties of the nodes of oversized groups inside their group, read once: kept as entry
  // indices of csr in node order (node i's from innerStart[i] to innerStart[i + 1]), with
  // the ties inside each group (both directions).
  let room = 0;
  for (let i = 0; i < n; i++) if ((groupSize[labels[i] as number] as number) > limit) room += (offsets[i + 1] as number) - (offsets[i] as number);
  const innerEntries = new Int32Array(room);
  const innerStart = new Int32Array(n + 1);
  const inside = new Float64Array(count);
  let total = 0;
  for (let i = 0; i < n; i++) {
    const c = labels[i] as number;
    if ((groupSize[c] as number) > limit) {
      const from = total;
      for (let e = offsets[i] as number, end = offsets[i + 1] as number; e < end; e++) if (labels[targets[e] as number] === c) innerEntries[total++] = e;
      inside[c] = (inside[c] as number) + (total - from);
    }
    innerStart[i + 1] = total;
  }
  if (total === 0) return [];
  // Part of each group: groups in label order, a new part once the running share passes k / parts.
  const partOf = new Int32Array(count).fill(-1);
  const partNodes = new Int32Array(parts);
  const partEntries = new Int32Array(parts);
  let seen = 0;
  for (let c = 0; c < count; c++) {
    if ((inside[c] as number) === 0) continue;
    const p = Math.min(parts - 1, Math.floor((seen * parts) / total));
    partOf[c] = p;
    partNodes[p] = (partNodes[p] as number) + (groupNodes[c] as number);
    partEntries[p] = (partEntries[p] as number) + (inside[c] as number);
    seen += inside[c] as number;
  }
  const built = Array.from({ length: parts }, (_, p) => ({
    nodes: new Int32Array(partNodes[p] as number),
    nodeWeights: new Float64Array(partNodes[p] as number),
    offsets: new Int32Array((partNodes[p] as number) + 1),
    targets: new Int32Array(partEntries[p] as number),
    weights: new Float64Array(partEntries[p] as number),
    weight: 0,
    fill: 0,
  }));
  // Nodes in increasing order: each takes the next local index of its part.
  const local = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const p = partOf[labels[i] as number] as number;
    if (p < 0) continue;
    const b = built[p] as (typeof built)[number];
    const v = b.fill++;
    local[i] = v;
    b.nodes[v] = i;
    b.nodeWeights[v] = nodeWeights[i] as number;
    b.weight += nodeWeights[i] as number;
    b.offsets[v + 1] = (b.offsets[v] as number) + (innerStart[i + 1] as number) - (innerStart[i] as number);
  }
  const out: OversizedPart[] = [];
  for (const b of built) {
    if (b.fill === 0) continue;
    // The part's arrays in locals: the loop below writes typed arrays only.
    const { nodes, targets: partTargets, weights: partWeights } = b;
    let at = 0;
    for (let v = 0, fill = b.fill; v < fill; v++) {
      const i = nodes[v] as number;
      for (let q = innerStart[i] as number, end = innerStart[i + 1] as number; q < end; q++) {
        const e = innerEntries[q] as number;
        partTargets[at] = local[targets[e] as number] as number;
        partWeights[at++] = weights[e] as number;
      }
    }
    out.push({ nodes, csr: { offsets: b.offsets, targets: partTargets, weights: partWeights }, nodeWeights: b.nodeWeights, weight: b.weight });
  }
  return out;
}

/**
 * `labels` with the nodes of each part relabelled by its refinement (`refined[k]`: a label
 * per node of parts[k]); the other nodes keep their group. Labels 0 .. count - 1 by first
 * appearance in node order.
 */
export function withRefinedParts(labels: Int32Array, parts: readonly OversizedPart[], refined: readonly Int32Array[]): Int32Array {
  if (refined.length !== parts.length) throw new RangeError(`${PREFIX}: ${refined.length} refinements for ${parts.length} parts.`);
  let next = 0;
  for (let i = 0; i < labels.length; i++) if ((labels[i] as number) + 1 > next) next = (labels[i] as number) + 1;
  const raw = Int32Array.from(labels);
  parts.forEach((part, k) => {
    const r = refined[k] as Int32Array;
    if (r.length !== part.nodes.length) throw new RangeError(`${PREFIX}: refinement ${k} has ${r.length} labels for ${part.nodes.length} nodes.`);
    let width = 0;
    for (let v = 0; v < r.length; v++) {
      raw[part.nodes[v] as number] = next + (r[v] as number);
      if ((r[v] as number) + 1 > width) width = (r[v] as number) + 1;
    }
    next += width;
  });
  return renumberLabels(raw).community;
}

/**
 * Ties of each node to nodes with its own label, for the nodes whose label `counted` accepts
 * (0 for the others, whose ties are not read).
 */
export function innerDegrees(csr: Csr, labels: Int32Array, counted: (label: number) => boolean): Int32Array {
  const n = labels.length;
  const degree = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const c = labels[i] as number;
    if (!counted(c)) continue;
    let d = 0;
    for (let e = csr.offsets[i] as number, end = csr.offsets[i + 1] as number; e < end; e++) if (labels[csr.targets[e] as number] === c) d++;
    degree[i] = d;
  }
  return degree;
}
