/**
 * Positions for the map.
 *
 * - `seedByGroup`: niches as clusters from the first frame. The groups (niches, or
 *   communities for the niche-level map) are first laid out among themselves by a short
 *   synchronous ForceAtlas2 on the small graph of groups (graphology-layout-forceatlas2),
 *   the discs are pushed apart until none overlaps (graphology-layout-noverlap), then each
 *   node is put in its group's disc on a golden-angle spiral by rank, most trusted in the
 *   middle (H. Vogel's sunflower model, Math. Biosci. 1979: even density).
 * - `randomSeed`: uniform in a square (FA2 from scratch), kept to measure against.
 * - `refine`: ForceAtlas2 (Jacomy et al., PLoS ONE 9:e98679, 2014) in a web worker for a
 *   bounded time, the map redrawn as it moves; stops by itself. LinLog mode (A. Noack,
 *   "Energy models for graph clustering", JGAA 11, 2007: its minima separate densely
 *   connected groups, in the sense of modularity) with hubs' attraction spread
 *   (outboundAttractionDistribution), so that niches stay apart as clusters; an edge's
 *   pull is log(1 + weight) times its `layoutWeight` (the map lowers it for ties between
 *   niches, which are what a niche map is not about).
 */
import Graph from 'graphology';
import forceAtlas2 from 'graphology-layout-forceatlas2';
import FA2Layout from 'graphology-layout-forceatlas2/worker';
import noverlap from 'graphology-layout-noverlap';

const GOLDEN_ANGLE = Math.PI * (3 - Math.sqrt(5));

export interface Seedable {
  /** Group of each node (-1: no group, put on an outer ring). */
  group: (node: string) => number;
  /** Position of the node inside its group (0 = centre). */
  rank: (node: string) => number;
  groupCount: number;
  groupSize: (g: number) => number;
  /** Weight between two groups (links of the group graph). */
  groupLinks: Array<{ a: number; b: number; weight: number }>;
}

/** `unit`: spacing of nodes on a disc's spiral (graph units); above 1, nodes are pushed apart after. */
export function seedByGroup(graph: Graph, s: Seedable, unit = 1): void {
  // A group's disc holds its nodes on the sunflower spiral: radius ~ 1.1 sqrt(size).
  const discRadius = (g: number): number => unit * (1.1 * Math.sqrt(s.groupSize(g) + 0.5) + 1);
  // Only groups that hold nodes take part (a group of nodes in "no group" would be flung away by FA2).
  const used = new Uint8Array(s.groupCount);
  graph.forEachNode((node) => {
    const g = s.group(node);
    if (g >= 0 && g < s.groupCount) used[g] = 1;
  });
  const groups = new Graph({ type: 'undirected' });
  for (let g = 0; g < s.groupCount; g++) {
    if (used[g] === 0) continue;
    const angle = g * GOLDEN_ANGLE;
    const r = 4 * Math.sqrt(g + 1) * discRadius(0);
    groups.addNode(String(g), { x: r * Math.cos(angle), y: r * Math.sin(angle), size: discRadius(g) });
  }
  for (const link of s.groupLinks) {
    if (link.a === link.b || !groups.hasNode(String(link.a)) || !groups.hasNode(String(link.b))) continue;
    groups.mergeEdge(String(link.a), String(link.b), { weight: link.weight });
  }
  if (groups.order > 1) {
    forceAtlas2.assign(groups, {
      iterations: 150,
      settings: { ...forceAtlas2.inferSettings(groups), linLogMode: true, gravity: 1, barnesHutOptimize: groups.order > 500 },
      getEdgeWeight: (_e, attr) => Math.log1p(attr.weight as number),
    });
    // FA2's scale is arbitrary: bring discs to about touching (median nearest neighbour at
    // the sum of the two radii), then push them apart until none overlaps (graphology-layout-noverlap).
    compact(groups);
    noverlap.assign(groups, { maxIterations: 300, settings: { margin: unit, ratio: 1.05 } });
  }
  const centres = new Map<number, [number, number]>();
  groups.forEachNode((n, attr) => centres.set(Number(n), [attr.x as number, attr.y as number]));
  placeInDiscs(graph, centres, s, unit);
  if (unit > 1) noverlap.assign(graph, { maxIterations: 200, settings: { margin: 0.5, ratio: 1.1 } });
}

export interface NestedSeedable extends Seedable {
  /** The parent of each group (a niche's community); -1: a parent of its own. */
  parent: (g: number) => number;
  parentCount: number;
  /** Weight between two parents (summed over their groups' links). */
  parentLinks: Array<{ a: number; b: number; weight: number }>;
}

/**
 * Groups of groups (communities of niches) from the first frame. Inside each parent, its
 * groups' discs are packed around the largest (sunflower spiral by rank, then
 * graphology-layout-noverlap); each parent is then one disc enclosing them, and the parents
 * are laid out among themselves as seedByGroup lays out groups (a short ForceAtlas2 on the
 * graph of parents, brought to touching, noverlap). Nodes fill their group's disc as in
 * seedByGroup.
 */
export function seedByNestedGroups(graph: Graph, s: NestedSeedable): void {
  const discRadius = (g: number): number => 1.1 * Math.sqrt(s.groupSize(g) + 0.5) + 1;
  const used = new Set<number>();
  graph.forEachNode((node) => {
    const g = s.group(node);
    if (g >= 0 && g < s.groupCount) used.add(g);
  });
  // 1. Each parent's groups, packed around its largest (groups come largest first).
  const inside = new Map<number, number[]>();
  for (const g of [...used].sort((a, b) => a - b)) {
    const p = s.parent(g);
    const key = p >= 0 && p < s.parentCount ? p : s.parentCount + g;
    inside.set(key, [...(inside.get(key) ?? []), g]);
  }
  const local = new Map<number, [number, number]>();
  const parentRadius = new Map<number, number>();
  for (const [p, groups] of inside) {
    const discs = new Graph({ type: 'undirected' });
    // Spiral slots about two typical radii apart (RMS of the discs'); noverlap pushes larger ones apart.
    const spacing = Math.sqrt(groups.reduce((sum, g) => sum + discRadius(g) ** 2, 0) / groups.length);
    groups.forEach((g, k) => {
      const r = k === 0 ? 0 : spacing * (discRadius(groups[0]!) / spacing + 1.1 * Math.sqrt(k + 0.5));
      discs.addNode(String(g), { x: r * Math.cos(k * GOLDEN_ANGLE), y: r * Math.sin(k * GOLDEN_ANGLE), size: discRadius(g) });
    });
    if (discs.order > 1) noverlap.assign(discs, { maxIterations: 300, settings: { margin: 0.5, ratio: 1.0 } });
    // Centre the parent on its discs' bounding circle (about their centroid).
    let cx = 0;
    let cy = 0;
    discs.forEachNode((_n, a) => {
      cx += (a.x as number) / discs.order;
      cy += (a.y as number) / discs.order;
    });
    let radius = 0;
    discs.forEachNode((n, a) => {
      const x = (a.x as number) - cx;
      const y = (a.y as number) - cy;
      local.set(Number(n), [x, y]);
      radius = Math.max(radius, Math.hypot(x, y) + (a.size as number));
    });
    parentRadius.set(p, radius);
  }
  // 2. The parents as discs, laid out by the links between them.
  const parents = new Graph({ type: 'undirected' });
  let k = 0;
  const largest = Math.max(1, ...parentRadius.values());
  for (const [p, radius] of parentRadius) {
    const r = 4 * Math.sqrt(k + 1) * largest;
    parents.addNode(String(p), { x: r * Math.cos(k * GOLDEN_ANGLE), y: r * Math.sin(k * GOLDEN_ANGLE), size: radius });
    k++;
  }
  for (const link of s.parentLinks) {
    if (link.a === link.b || !parents.hasNode(String(link.a)) || !parents.hasNode(String(link.b))) continue;
    parents.mergeEdge(String(link.a), String(link.b), { weight: link.weight });
  }
  if (parents.order > 1) {
    forceAtlas2.assign(parents, {
      iterations: 150,
      settings: { ...forceAtlas2.inferSettings(parents), linLogMode: true, gravity: 1, barnesHutOptimize: parents.order > 500 },
      getEdgeWeight: (_e, attr) => Math.log1p(attr.weight as number),
    });
    compact(parents);
    // A wider margin between parents than between the groups inside one: the parents read as groups.
    noverlap.assign(parents, { maxIterations: 300, settings: { margin: 4, ratio: 1.05 } });
  }
  // 3. Groups at their parent's centre plus their place inside it; nodes in their group's disc.
  const centres = new Map<number, [number, number]>();
  for (const [p, groups] of inside) {
    const at = parents.getNodeAttributes(String(p));
    for (const g of groups) {
      const [x, y] = local.get(g)!;
      centres.set(g, [(at.x as number) + x, (at.y as number) + y]);
    }
  }
  placeInDiscs(graph, centres, s);
}

/**
 * Puts each node in its group's disc around the group's centre, on a golden-angle spiral by
 * rank (most trusted in the middle); nodes of no group (or of a group without a centre) on
 * a loose outer ring.
 */
function placeInDiscs(graph: Graph, centres: ReadonlyMap<number, readonly [number, number]>, s: Pick<Seedable, 'group' | 'rank' | 'groupSize'>, unit = 1): void {
  const discRadius = (g: number): number => unit * (1.1 * Math.sqrt(s.groupSize(g) + 0.5) + 1);
  let extent = 0;
  for (const [g, [x, y]] of centres) extent = Math.max(extent, Math.hypot(x, y) + discRadius(g));
  graph.forEachNode((node) => {
    const g = s.group(node);
    const k = s.rank(node);
    const centre = centres.get(g);
    if (centre === undefined) {
      // Nodes in no group: a loose outer ring.
      const ringAngle = (k * GOLDEN_ANGLE) % (2 * Math.PI);
      const ring = extent * 1.03 + unit * (1 + (k % 3));
      graph.mergeNodeAttributes(node, { x: ring * Math.cos(ringAngle), y: ring * Math.sin(ringAngle) });
      return;
    }
    const r = unit * 1.1 * Math.sqrt(k + 0.5);
    const angle = k * GOLDEN_ANGLE;
    const [cx, cy] = centre;
    graph.mergeNodeAttributes(node, { x: cx + r * Math.cos(angle), y: cy + r * Math.sin(angle) });
  });
}

/** Scales positions so that the median nearest-neighbour gap equals the median sum of the two sizes. */
function compact(graph: Graph): void {
  const nodes: Array<{ x: number; y: number; size: number }> = [];
  graph.forEachNode((_n, a) => nodes.push({ x: a.x as number, y: a.y as number, size: a.size as number }));
  const sample = nodes.length > 1500 ? nodes.filter((_, i) => i % Math.ceil(nodes.length / 1500) === 0) : nodes;
  const ratios: number[] = [];
  for (const p of sample) {
    let best = Infinity;
    let bestSize = 0;
    for (const q of nodes) {
      if (q === p) continue;
      const d = Math.hypot(p.x - q.x, p.y - q.y);
      if (d < best) {
        best = d;
        bestSize = q.size;
      }
    }
    if (best > 0 && Number.isFinite(best)) ratios.push((p.size + bestSize) / best);
  }
  if (ratios.length === 0) return;
  ratios.sort((a, b) => a - b);
  const scale = ratios[ratios.length >> 1]!;
  graph.updateEachNodeAttributes((_n, a) => ({ ...a, x: (a.x as number) * scale, y: (a.y as number) * scale }));
}

/** Uniform positions in a square (seeded, so that measurements repeat). */
export function randomSeed(graph: Graph, seed = 1): void {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 0x1_0000_0000;
  };
  const side = 10 * Math.sqrt(graph.order + 1);
  graph.forEachNode((node) => graph.mergeNodeAttributes(node, { x: next() * side, y: next() * side }));
}

/** ForceAtlas2 in a web worker for at most `ms`; resolves once stopped. kill() stops it early. */
export function refine(graph: Graph, ms: number): { done: Promise<void>; kill: () => void } {
  if (graph.order < 3 || ms <= 0) return { done: Promise.resolve(), kill: () => {} };
  const layout = new FA2Layout(graph, {
    settings: { ...forceAtlas2.inferSettings(graph), linLogMode: true, outboundAttractionDistribution: true, barnesHutOptimize: graph.order > 800, slowDown: 2 },
    getEdgeWeight: (_e, attr) => Math.log1p((attr.weight as number) ?? 1) * ((attr.layoutWeight as number | undefined) ?? 1),
  });
  let timer: ReturnType<typeof setTimeout> | undefined;
  let resolve: () => void = () => {};
  const done = new Promise<void>((r) => (resolve = r));
  const kill = (): void => {
    if (timer !== undefined) clearTimeout(timer);
    layout.kill();
    resolve();
  };
  layout.start();
  timer = setTimeout(kill, ms);
  return { done, kill };
}
