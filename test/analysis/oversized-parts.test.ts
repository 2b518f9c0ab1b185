/**
 * oversizedParts / withRefinedParts (src/analysis/oversized-parts.ts): the niche ladder's
 * probes on the groups still above the band, at the whole graph's modularity.
 */
import t from 'tap';
import type { Csr } from '../../src/analysis/compact-graph.js';
import { leidenPartition, rowSums } from '../../src/analysis/leiden.js';
import { oversizedParts, withRefinedParts } from '../../src/analysis/oversized-parts.js';
import { runTask } from '../../src/analysis/partition-tasks.js';
import { createRng } from '../../src/analysis/random.js';

/** An undirected CSR (both directions, rows sorted) from pairs of weight 1. */
function csrOf(n: number, pairs: Array<[number, number]>): Csr {
  const rows: number[][] = Array.from({ length: n }, () => []);
  for (const [a, b] of pairs) {
    rows[a]!.push(b);
    rows[b]!.push(a);
  }
  const offsets = new Int32Array(n + 1);
  const targets: number[] = [];
  rows.forEach((row, i) => {
    targets.push(...row.sort((x, y) => x - y));
    offsets[i + 1] = targets.length;
  });
  return { offsets, targets: Int32Array.from(targets), weights: new Float64Array(targets.length).fill(1) };
}

function clique(from: number, size: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (let a = from; a < from + size; a++) for (let b = a + 1; b < from + size; b++) out.push([a, b]);
  return out;
}

/** Nodes 0..19: a 20-clique (group 0); nodes 20..29: two 5-cliques joined by one tie (group 1). */
function twoComponents(): { csr: Csr; labels: Int32Array } {
  const csr = csrOf(30, [...clique(0, 20), ...clique(20, 5), ...clique(25, 5), [24, 25]]);
  const labels = Int32Array.from({ length: 30 }, (_, i) => (i < 20 ? 0 : 1));
  return { csr, labels };
}

t.test('parts hold the oversized groups whole, with only their inner ties and whole-graph strengths', async (t) => {
  const { csr, labels } = twoComponents();
  const strengths = rowSums(csr);
  const size = new Float64Array(30).fill(1);
  const parts = oversizedParts(csr, labels, size, strengths, 5, 2);
  t.equal(parts.length, 2, 'two groups of about the same share of ties cannot share a part: 380 vs 42 entries');
  t.same(Array.from(parts[0]!.nodes), Array.from({ length: 20 }, (_, i) => i));
  t.same(Array.from(parts[1]!.nodes), Array.from({ length: 10 }, (_, i) => 20 + i));
  t.equal(parts[1]!.csr.targets.length, 42);
  t.equal(parts[1]!.weight, 42);
  // A group at or below the limit is left out.
  const small = Int32Array.from(labels, (c, i) => (c === 1 && i >= 25 ? 2 : c));
  const kept = oversizedParts(csr, small, size, strengths, 5, 2);
  t.same(kept.map((p) => p.nodes.length), [20], 'the two 5-cliques are groups of 5: not above the limit');
  // The ties between groups are dropped: the part of nodes 20..24 alone has no tie to 25.
  t.same(oversizedParts(csr, small, size, strengths, 4, 1)[0]!.csr.targets.length, 380 + 20 + 20);
  t.throws(() => oversizedParts(csr, labels, size, strengths, 5, 0), /parts must be an integer >= 1/);
});

t.test('a part refined at the scaled resolution is the whole graph modularity at gamma', async (t) => {
  const { csr, labels } = twoComponents();
  const strengths = rowSums(csr);
  const total = strengths.reduce((s, x) => s + x, 0);
  const parts = oversizedParts(csr, labels, new Float64Array(30).fill(1), strengths, 5, 2);
  // Merging the 5-cliques gains 1 - gamma * 21 * 21 / 422 (whole graph, 2m = 422): positive
  // below gamma = 0.957. On the part's own 2m (42) it would be negative from gamma = 0.095.
  for (const [gamma, groups] of [[0.8, 1], [1.2, 2]] as const) {
    const refined = parts.map((part, k) =>
      runTask({ kind: 'leiden', csr: part.csr, quality: 'modularity', resolution: (gamma * part.weight) / total, nodeWeights: part.nodeWeights, seed: 5 + k }).community,
    );
    t.equal(new Set(refined[1]).size, groups, `gamma ${gamma}: the two 5-cliques in ${groups} group(s)`);
    const merged = withRefinedParts(labels, parts, refined);
    const whole = leidenPartition(csr, { resolution: gamma, rng: createRng(9) }).community;
    t.same(Array.from(merged), Array.from(whole), `gamma ${gamma}: the same partition as Leiden on the whole graph`);
  }
});

t.test('withRefinedParts: the refined nodes take their new groups, the others keep theirs, first-appearance labels', async (t) => {
  const { csr, labels } = twoComponents();
  const small = Int32Array.from(labels, (c, i) => (c === 1 && i >= 25 ? 2 : c));
  const parts = oversizedParts(csr, small, new Float64Array(30).fill(1), rowSums(csr), 5, 1);
  const refined = [Int32Array.from({ length: 20 }, (_, v) => (v < 10 ? 1 : 0))];
  const out = withRefinedParts(small, parts, refined);
  t.same(Array.from(out.subarray(0, 20)), Array.from({ length: 20 }, (_, v) => (v < 10 ? 0 : 1)));
  t.same(Array.from(out.subarray(20)), [2, 2, 2, 2, 2, 3, 3, 3, 3, 3]);
  t.throws(() => withRefinedParts(small, parts, []), /0 refinements for 1 parts/);
});
