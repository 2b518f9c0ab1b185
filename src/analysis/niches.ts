/**
 * The partition of an analysis: coarse communities and, inside each, niches.
 *
 * [References]:
 * - Leiden (V. A. Traag, L. Waltman & N. J. van Eck, Sci. Rep. 9:5233, 2019), leiden.ts.
 * - Communities: modularity at resolution 1 (M. E. J. Newman & M. Girvan, PRE 69, 026113,
 *   2004), what igraph, NetworKit and leidenalg report, so the Q figures compare.
 * - Niches: modularity has a resolution limit (S. Fortunato & M. Barthelemy, PNAS 104:36,
 *   2007): at resolution 1 it cannot resolve modules smaller than about sqrt(2m) ties, so
 *   the human-scale circles of a large graph merge into its communities. The niche level is
 *   modularity at a higher resolution gamma (J. Reichardt & S. Bornholdt, PRE 74, 016110,
 *   2006), chosen from the graph by a size principle: R. I. M. Dunbar (Behav. Brain Sci.
 *   16:681, 1993) and W.-X. Zhou, D. Sornette, R. A. Hill & R. I. M. Dunbar (Proc. R. Soc.
 *   B 272:439, 2005) find the circles people keep in layers of about 5, 15, 50 and 150; the
 *   niche level is the smallest rung gamma = 4^k (k >= 0) whose typical niche (the niche of
 *   the median account with two ties or more) holds at most 50 people, the band layer. Each
 *   rung of 4 halves the scale modularity resolves (it goes as 1 / sqrt(gamma)); a fixed
 *   ladder keeps nearby seeds, and slightly different data, on the same rung. Rung 0 is the
 *   community level itself, probed by one Leiden iteration on the whole graph; every other
 *   rung by one Leiden iteration on the previous rung's groups that still hold more than 50
 *   people only, each refined on its own at the whole graph's modularity (the recursive
 *   partitioning of J. Ruan & W. Zhang, PRE 77, 016104, 2008, with the null model kept
 *   global: oversized-parts.ts). A group already in the band stays as it is: at a higher
 *   resolution it could only split further, and the rule asks only whether the median
 *   account's group is above the band. So the ladder costs one run on the whole graph plus
 *   runs on a shrinking part of it, not one whole run per rung.
 * - Audiences: a niche that still holds more than 150 people (Dunbar's number) is the
 *   audience of a broadcaster, not a circle. Its members that are on no cycle inside it
 *   (peeled while they have at most one tie inside it) hang from it by single ties, in a
 *   dyad with it: they leave it, each a niche of one (the unassigned group of a result when
 *   minNicheSize > 1; the triad is the smallest group, G. Simmel, 1908).
 * - Overrides: `resolution` sets the niche-level gamma; `nicheSize` aims the ladder (rungs of
 *   sqrt(2)) at a band of typical niche sizes instead, and wins over `resolution`. With a
 *   band the scale is continuous rather than a rung: gamma is interpolated (log-log) between
 *   the last rung above the band and the first in it, to where the typical niche is the
 *   band's upper end, and the probes (each rung on the whole graph, from singletons, since
 *   the interpolation reads the typical size as a function of gamma) use one fixed seed; so a band's edge that falls near a
 *   rung's typical size cannot send nearby seeds, or slightly different data, to rungs
 *   sqrt(2) apart (seed-to-seed ARI on email-eu-core with 15-50 went from 0.910 to about 0.99).
 *
 * Cost (the budget: about three single runs on a large graph):
 * - every run works on the graph with each single-tie account contracted into the account
 *   it is tied to (leaf-contraction.ts), which keeps every modularity figure of the
 *   partitions that keep it there; on higgs-twitter's retweet layer that graph has 30% of
 *   the accounts;
 * - stability without brute force: `runs` (2) seeded Leiden runs of the niche level (the
 *   first continues the probe of the chosen rung); where they all agree (accounts that every
 *   run puts together, joined along their ties: cores), that is kept; the rest is decided
 *   by `consensusRuns` (1) run on the graph contracted to one node per core (weights kept),
 *   which costs a fraction of a run on the whole graph (consensus restricted to the part the
 *   runs disagree on, after A. Lancichinetti & S. Fortunato, Sci. Rep. 2:336, 2012; with
 *   more than one, the one that agrees best with the others);
 * - the runs are independent tasks with their own seeds (partition-tasks.ts), so a runner
 *   could spread them over threads without changing any result (the default runs them
 *   one after the other in this thread).
 * - a warm start (`initial`, `initialCommunity`: a baseline's niches and communities, as
 *   GDS's seedProperty) starts every niche-level run from the given niches and the community
 *   level from the given communities; where the runs disagree, the start decides instead of a
 *   run on the core graph (statusQuo), so a re-run keeps what the data does not move. The
 *   niche scale is still chosen by the ladder (the first run's rung at every re-run seed on
 *   the graphs scripts/quality/warm-start.ts measures; the baseline's is not carried over).
 * Communities are Leiden at resolution 1 on the graph of niches, then one Leiden iteration
 * at resolution 1 on the contracted graph from there (DEFAULTS.polishIterations); a niche that crosses a community boundary
 * keeps its connected part in each community, so every niche lies in exactly one. Membership
 * confidence (per account) and niche stability (per niche) are measured on the real niche
 * runs (those on the core graph mapped back to the accounts).
 */
import type { CompactGraph, Csr } from './compact-graph.js';
import { splitDisconnected } from './connectivity.js';
import { renumberLabels } from './leiden.js';
import { inThisThread, type LeidenTask, type PartitionRunner, type PartitionTask } from './partition-tasks.js';
import { createRng } from './random.js';
import { leafContraction } from './leaf-contraction.js';
import { partitionFigures, type PartitionFigures, type PartitionFiguresInput } from './partition-figures.js';
import { innerDegrees, oversizedParts, withRefinedParts } from './oversized-parts.js';
import { weightedMedianSize } from './typical-size.js';
import { contract, strengths, type WeightedGraph } from './weighted-graph.js';

export const DEFAULTS = {
  /** Dunbar's number (Dunbar 1993): the bound beyond which a niche is an audience, not a circle. */
  dunbar: 150,
  /** The typical niche aimed at by default: Dunbar's band layer (Zhou et al. 2005: layers of about 5, 15, 50, 150). */
  band: 50,
  /**
   * Seeded runs of the niche level: two, the fewest that can show where runs disagree (the
   * consensus on the core graph decides there). A third run bought 0.011 of seed-to-seed ARI
   * on email-eu-core (0.982 -> 0.993) for a third more niche-level work.
   */
  runs: 2,
  /**
   * Leiden iterations of the community level from its start (a converged partition of the
   * graph of niches): one, local moving and refinement from that start (a second gained
   * 0.0008 of modularity on higgs-twitter's retweet layer).
   */
  polishIterations: 1,
  /** Runs on the graph of the cores the runs agree on. */
  consensusRuns: 1,
  /** Ratio of successive rungs of the niche-scale ladder (sqrt(2) when aiming at a nicheSize band). */
  step: 4,
  /**
   * Independent parts a rung above 0 is probed in (oversized-parts.ts): two, so that the two
   * cores of the machine the service is sized for both work on a probe. A fixed number, so
   * the result does not depend on the runner's thread count.
   */
  probeParts: 2,
};

export interface NicheOptions {
  seed: number;
  /** Niche-level resolution (overrides the default rule). */
  resolution?: number | null;
  runs?: number;
  /** Runs on the graph of the cores when the runs disagree (cold runs; a warm start decides by the start). */
  consensusRuns?: number;
  dunbar?: number;
  /** Aim the niche level at this band of typical niche sizes instead (accounts). */
  nicheSize?: { min: number; max: number } | null;
  /** Where the independent runs execute (default: one after the other in this thread). */
  runner?: PartitionRunner;
  /**
   * Warm start (issue 12): a niche label per account (-1: none, a singleton), e.g. the niches
   * of a baseline analysis mapped onto this graph's accounts. The niche-level runs start from
   * it instead of singletons, as GDS's seedProperty does, and where they disagree it decides
   * (statusQuo); the niche scale is still chosen by the ladder.
   */
  initial?: Int32Array | null;
  /**
   * A community label per account (-1: none), e.g. the baseline's communities: the community
   * level starts from them, node by node of the contracted graph (each where its root account
   * was; one without a label where most of its niche was), instead of from the graph of niches.
   */
  initialCommunity?: Int32Array | null;
}

export interface NicheSummary {
  /** Newman-Girvan modularity (resolution 1) of the communities and of the niches, on the undirected positive ties. */
  communityModularity: number;
  nicheModularity: number;
  /** The niche-level resolution: given, chosen from nicheSize, or by the default rule. */
  nicheResolution: number;
  /** Rungs probed to choose it (rung 0, the community level, not counted). */
  probes: number;
  runs: number;
  /** Runs on the core graph (0 when the runs agreed, or with a warm start: the start decides). */
  consensusRuns: number;
  /** 1 when the runs disagreed and a consensus decided (on the core graph, or by the warm start), else 0. */
  consensusRounds: number;
  /** Nodes of the core graph the consensus ran on. */
  consensusNodes: number;
  /** Nodes of the graph the runs work on (single-tie accounts contracted) vs accounts. */
  contractedNodes: number;
  /**
   * Disconnected communities left by the first local-moving pass of the first run from
   * singletons (rung 0, resolution 1; with a given resolution, the first niche-level run):
   * the partition Louvain's first level aggregates by and Leiden's refinement repairs.
   * Counted on a run made anyway (a plain Louvain run of its own cost 10% of the analysis).
   */
  louvainDisconnected: number;
  /** Accounts taken out of oversized niches (audience members on no cycle inside them). */
  audience: number;
}

export interface NicheHierarchy {
  /** account -> community 0 .. communityCount - 1 */
  community: Int32Array;
  communityCount: number;
  /** account -> niche 0 .. nicheCount - 1; each niche lies in one community. */
  niche: Int32Array;
  nicheCount: number;
  /** niche -> community */
  nicheCommunity: Int32Array;
  /** Per account: share of the runs that put it in (the counterpart of) its niche. */
  confidence: Float64Array;
  /** Per niche: mean Jaccard agreement with its counterpart in each run. */
  nicheStability: Float64Array;
  summary: NicheSummary;
}

/**
 * Steps of findNiches, announced as they start (for timing by benchmarks): 'probe' once per
 * rung of the ladder (inside 'resolution'), 'core-graph' (the consensus's run), 'audiences', 'niche-graph' (the communities'
 * start) and 'polish' inside the steps named before them.
 */
export type NicheStep = 'contraction' | 'resolution' | 'probe' | 'niches' | 'consensus' | 'core-graph' | 'audiences' | 'communities' | 'niche-graph' | 'polish' | 'figures';

/** What a step works on, when it says (nodes and ties of the graph its runs see; the rung). */
export interface NicheStepDetail {
  rung?: number;
  nodes?: number;
  entries?: number;
}

const PREFIX = 'nichegraph/analysis/niches';
const MAX_RESOLUTION = 1 << 20;
/** The probes' seed in the size-band mode (any fixed value: what matters is that it does not vary). */
const BAND_PROBE_SEED = 0;

interface ResolvedOptions {
  seed: number;
  resolution: number | null;
  nicheSize: { min: number; max: number } | null;
  runs: number;
  consensusRuns: number;
  dunbar: number;
  runner: PartitionRunner;
  initial: Int32Array | null;
  initialCommunity: Int32Array | null;
}

function checkOptions(options: NicheOptions): ResolvedOptions {
  if (options === null || typeof options !== 'object') throw new TypeError(`${PREFIX}: options must be an object.`);
  const int = (value: unknown, name: string, min: number): number => {
    if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min) throw new RangeError(`${PREFIX}: ${name} must be an integer >= ${min}, got ${String(value)}.`);
    return value;
  };
  const seed = options.seed;
  if (typeof seed !== 'number' || !Number.isSafeInteger(seed)) throw new RangeError(`${PREFIX}: seed must be a safe integer, got ${String(seed)}.`);
  const resolution = options.resolution ?? null;
  if (resolution !== null && !(typeof resolution === 'number' && Number.isFinite(resolution) && resolution > 0)) throw new RangeError(`${PREFIX}: resolution must be a finite number > 0, got ${String(resolution)}.`);
  const band = options.nicheSize ?? null;
  if (band !== null && !(Number.isFinite(band.min) && Number.isFinite(band.max) && band.min >= 1 && band.max >= band.min)) {
    throw new RangeError(`${PREFIX}: nicheSize must satisfy 1 <= min <= max, got ${String(band.min)}..${String(band.max)}.`);
  }
  const dunbar = options.dunbar ?? DEFAULTS.dunbar;
  if (!(dunbar >= 1)) throw new RangeError(`${PREFIX}: dunbar must be >= 1, got ${String(dunbar)}.`);
  const runner = options.runner ?? inThisThread;
  if (runner === null || typeof runner !== 'object' || typeof runner.run !== 'function') throw new TypeError(`${PREFIX}: runner must have a run(tasks) method.`);
  const initial = options.initial ?? null;
  const initialCommunity = options.initialCommunity ?? null;
  if (initial !== null && !(initial instanceof Int32Array)) throw new TypeError(`${PREFIX}: initial must be an Int32Array or null.`);
  if (initialCommunity !== null && !(initialCommunity instanceof Int32Array)) throw new TypeError(`${PREFIX}: initialCommunity must be an Int32Array or null.`);
  return {
    seed,
    resolution,
    nicheSize: band,
    runs: int(options.runs ?? DEFAULTS.runs, 'runs', 1),
    consensusRuns: int(options.consensusRuns ?? DEFAULTS.consensusRuns, 'consensusRuns', 1),
    dunbar,
    runner,
    initial,
    initialCommunity,
  };
}

/** Communities and niches of a compact graph's undirected positive ties (see the module doc). */
export function findNiches(graph: CompactGraph, options: NicheOptions, onStep?: (step: NicheStep, detail?: NicheStepDetail) => void): NicheHierarchy {
  const found = findPartition(graph, options, onStep);
  onStep?.('figures');
  return withFigures(found.partition, partitionFigures(found.figures));
}

/**
 * The partition of findNiches without its figures, and what they are computed from: no later
 * step of the communities phase reads them, so a caller can compute them elsewhere
 * (analyse.ts: on a helper thread while the scoring starts) and join them with withFigures.
 */
export interface FoundPartition {
  partition: Omit<NicheHierarchy, 'confidence' | 'nicheStability' | 'summary'> & { summary: Omit<NicheSummary, 'communityModularity' | 'nicheModularity'> };
  figures: PartitionFiguresInput;
}

/** findNiches up to its figures (see FoundPartition); the 'figures' step is the caller's. */
export function findPartition(graph: CompactGraph, options: NicheOptions, onStep?: (step: NicheStep, detail?: NicheStepDetail) => void): FoundPartition {
  const o = checkOptions(options);
  const step = (name: NicheStep, detail?: NicheStepDetail): void => onStep?.(name, detail);
  const csr = graph.undirected;
  for (const [name, labels] of [['initial', o.initial], ['initialCommunity', o.initialCommunity]] as const) {
    if (labels !== null && labels.length !== csr.offsets.length - 1) throw new RangeError(`${PREFIX}: ${name} has ${labels.length} labels for ${csr.offsets.length - 1} accounts.`);
  }
  const master = createRng(o.seed);
  const nextSeed = (): number => Math.floor(master() * 0x1_0000_0000);

  step('contraction');
  const leaves = leafContraction(csr);
  const k = leaves.graph;
  const kWeights = strengths(k);
  const at = (resolution: number, seed: number, extra: Partial<LeidenTask> = {}): LeidenTask => ({ kind: 'leiden', csr: k.csr, quality: 'modularity', resolution, nodeWeights: kWeights, seed, ...extra });
  const expand = (labels: Int32Array): Int32Array => gather(leaves.node, labels);
  // A warm start on the contracted graph: each node starts where its root account started
  // (a node without a starting label alone, under a label no account uses).
  const onNodes = (labels: Int32Array | null): Int32Array | null => {
    if (labels === null) return null;
    const n = labels.length;
    return Int32Array.from(leaves.root, (a, v) => ((labels[a] as number) >= 0 ? (labels[a] as number) : n + v));
  };
  const startK = onNodes(o.initial);

  // The niche-scale ladder (see the module doc): rung 0 is gamma 1, the community level.
  const ladder = o.nicheSize !== null || o.resolution === null;
  const ratio = o.nicheSize !== null ? Math.SQRT2 : DEFAULTS.step;
  const band = o.nicheSize ?? { min: 1, max: DEFAULTS.band };
  const rung = (r: number): number => Number((ratio ** r).toPrecision(3));
  const probes = new Map<number, Int32Array>();
  let totalWeight = 0;
  for (let v = 0; v < kWeights.length; v++) totalWeight += kWeights[v] as number;
  // With a caller's band the scale is interpolated from the probes (below), so their noise
  // would move it: they use one fixed seed, and the scale is a function of the graph alone.

  step('resolution');
  const labelsOf = (tasks: readonly PartitionTask[]): Int32Array[] => o.runner.run(tasks).map((r) => r.community);
  let louvainDisconnected = 0;
  // Rung 0 on the whole graph (it also counts what its first local-moving pass leaves
  // disconnected: the summary's louvainDisconnected). At defaults every later rung refines
  // only the previous rung's groups still above the band, each at the whole graph's
  // modularity (oversized-parts.ts), in DEFAULTS.probeParts independent parts. With a
  // caller's band, gamma is interpolated from two rungs' typical sizes (below), read as a
  // function of gamma: every rung is then probed on the whole graph, from singletons.
  const probeAt = (r: number): Int32Array => {
    const seed = o.nicheSize !== null ? BAND_PROBE_SEED : o.seed;
    if (r === 0 || o.nicheSize !== null) {
      step('probe', { rung: r, nodes: k.csr.offsets.length - 1, entries: k.csr.targets.length });
      const [first] = o.runner.run([{ ...at(rung(r), seed, { iterations: 1 }), ...(r === 0 ? { countFirstPass: true } : {}) }]);
      if (r === 0) louvainDisconnected = first?.firstPassDisconnected ?? 0;
      return (first as { community: Int32Array }).community;
    }
    const previous = probes.get(r - 1) as Int32Array;
    const parts = oversizedParts(k.csr, previous, k.size, kWeights, band.max, DEFAULTS.probeParts);
    step('probe', { rung: r, nodes: parts.reduce((sum, p) => sum + p.nodes.length, 0), entries: parts.reduce((sum, p) => sum + p.csr.targets.length, 0) });
    const partSeeds = createRng(seed);
    const tasks = parts.map((part): LeidenTask => ({
      kind: 'leiden',
      csr: part.csr,
      quality: 'modularity',
      resolution: (rung(r) * part.weight) / totalWeight,
      nodeWeights: part.nodeWeights,
      seed: Math.floor(partSeeds() * 0x1_0000_0000),
      iterations: 1,
    }));
    return withRefinedParts(previous, parts, labelsOf(tasks));
  };
  let gamma: number;
  let chosen: Int32Array | null = null;
  let probed = 0;
  if (!ladder) {
    gamma = o.resolution as number;
  } else {
    const typical = (labels: Int32Array): number => weightedMedianSize(labels, k.size, leaves.tied);
    let previous: { r: number; size: number } | null = null;
    let pick: number | null = null;
    // With a caller's band: the rung before the pick and its typical size (for the interpolation below).
    let before: { r: number; size: number } | null = null;
    let pickedSize = 0;
    for (let r = 0; pick === null; r++) {
      probes.set(r, probeAt(r));
      probed = r + 1;
      const size = typical(probes.get(r) as Int32Array);
      if (size <= band.max || rung(r) >= MAX_RESOLUTION) {
        // Below the band's lower end: the rung before may be closer to the band's middle.
        const middle = Math.sqrt(band.min * band.max);
        const gap = (t: number): number => Math.abs(Math.log(Math.max(t, 1) / middle));
        pick = size < band.min && previous !== null && gap(previous.size) < gap(size) ? previous.r : r;
        before = pick === r ? previous : null;
        pickedSize = pick === r ? size : (previous as { size: number }).size;
      }
      previous = { r, size };
    }
    gamma = rung(pick);
    chosen = probes.get(pick) as Int32Array;
    // A caller's band: the ladder's rungs are sqrt(2) apart, and a band's upper end that falls
    // near a rung's typical size would send nearby seeds, or slightly different data, to two
    // different rungs. The scale is made continuous instead: gamma interpolated (log-log)
    // between the last rung above the band and the first one in it, to where the typical
    // niche is the band's upper end; the niche runs then all start from singletons.
    if (o.nicheSize !== null && before !== null && before.size > band.max && pickedSize <= band.max && pickedSize >= band.min && pickedSize > 0) {
      const t = Math.log(before.size / band.max) / Math.log(before.size / pickedSize);
      gamma = Number((rung(before.r) * (rung(pick) / rung(before.r)) ** t).toPrecision(3));
      chosen = null;
    }
  }

  step('niches');
  // The runs of the niche level; the first continues the chosen rung's probe (its second iteration).
  // A warm start replaces that continuation: every run starts from the given partition.
  const tasks: LeidenTask[] = [];
  if (chosen !== null && startK === null) tasks.push(at(gamma, nextSeed(), { iterations: 1, initial: chosen }));
  while (tasks.length < o.runs) tasks.push(at(gamma, nextSeed(), startK === null ? {} : { initial: startK }));
  // Without the ladder, the first niche run counts its first pass instead (at the given resolution).
  if (!ladder) tasks[0] = { ...(tasks[0] as LeidenTask), countFirstPass: true };
  const outcomes = o.runner.run(tasks);
  if (!ladder) louvainDisconnected = outcomes[0]?.firstPassDisconnected ?? 0;
  const runs = outcomes.map((r) => r.community);
  step('consensus');
  const consensus = consensusOf(k, runs, gamma, nextSeed, o, startK, step);

  // Audiences released, then niches cut by community boundaries (each part connected).
  step('audiences');
  const released = o.nicheSize === null && o.resolution === null ? releaseAudiences(csr, expand(consensus.labels), o.dunbar) : { niche: expand(consensus.labels), released: 0 };
  step('communities');
  // Communities: Leiden at resolution 1 polishing a start on the contracted graph, which only
  // raises its modularity. Cold, the start is Leiden at resolution 1 on the graph of niches (so
  // it is a union of niches). Warm, it is the given communities node by node (see warmCommunities).
  const givenCommunity = o.initialCommunity;
  const communityStart = givenCommunity === null ? null : Int32Array.from(leaves.root, (a) => givenCommunity[a] as number);
  let start: Int32Array;
  if (communityStart === null) {
    const nicheGraph = contract(k, consensus.labels, countOf(consensus.labels));
    step('niche-graph', { nodes: nicheGraph.csr.offsets.length - 1, entries: nicheGraph.csr.targets.length });
    const [onNiches] = labelsOf([{ kind: 'leiden', csr: nicheGraph.csr, quality: 'modularity', resolution: 1, nodeWeights: strengths(nicheGraph), seed: nextSeed() }]) as [Int32Array];
    start = gather(consensus.labels, onNiches);
  } else {
    start = warmCommunities(communityStart, consensus.labels);
  }
  step('polish', { nodes: k.csr.offsets.length - 1, entries: k.csr.targets.length });
  const [communityK] = labelsOf([at(1, nextSeed(), { initial: start, iterations: DEFAULTS.polishIterations })]) as [Int32Array];
  // Nodes are numbered by the first appearance of their root in account order, so labels
  // renumbered by first appearance on the nodes are in that order on the accounts too.
  const communityOnNodes = renumberLabels(communityK);
  const community = { community: expand(communityOnNodes.community), count: communityOnNodes.count };
  const cut = nested(community.community, released.niche);
  // splitDisconnected numbers its parts by first appearance already.
  const split = splitDisconnected(csr, cut.community, cut.count);
  const niche = { community: split.community, count: split.count };

  const nicheCommunity = new Int32Array(niche.count);
  for (let i = 0; i < niche.community.length; i++) nicheCommunity[niche.community[i] as number] = community.community[i] as number;

  return {
    partition: {
      community: community.community,
      communityCount: community.count,
      niche: niche.community,
      nicheCount: niche.count,
      nicheCommunity,
      summary: {
        nicheResolution: gamma,
        probes: probed,
        runs: o.runs,
        consensusRuns: consensus.consensusRuns,
        consensusRounds: consensus.disagreed ? 1 : 0,
        consensusNodes: consensus.nodes,
        contractedNodes: leaves.count,
        louvainDisconnected,
        audience: released.released,
      },
    },
    figures: {
      csr,
      community: community.community,
      communityCount: community.count,
      niche: niche.community,
      nicheCount: niche.count,
      node: leaves.node,
      nodeSize: k.size,
      runs: consensus.runs,
    },
  };
}

/** The hierarchy with its figures (partition-figures.ts), as findNiches returns it. */
export function withFigures(partition: FoundPartition['partition'], figures: PartitionFigures): NicheHierarchy {
  const { summary, ...labels } = partition;
  return {
    ...labels,
    confidence: figures.confidence,
    nicheStability: figures.stability,
    summary: { communityModularity: figures.communityModularity, nicheModularity: figures.nicheModularity, ...summary },
  };
}

/**
 * The start of a warm-started community level, per node of the contracted graph: the given
 * community of its root account (`given`, -1: none); a node without one starts in the
 * community most of its niche (`niche`, the niche level just found) started in, and a niche
 * none of whose nodes has one starts a community of its own. The start is the baseline's
 * boundaries themselves, not unions of the new niches regrouped from them: the baseline's
 * polish drew its boundaries through some niches, and at resolution 1 the modularity
 * landscape is flat enough that regrouping whole niches (as a cold run does) moves some of
 * them to another community, where the cut by community boundaries then gives their
 * accounts a niche of another id (on bitcoin-otc that cost about 2% of the accounts).
 */
export function warmCommunities(given: Int32Array, niche: Int32Array): Int32Array {
  const byNiche = majorityLabels(niche, countOf(niche), given);
  return Int32Array.from(given, (c, v) => (c >= 0 ? c : (byNiche[niche[v] as number] as number)));
}

/** Per group of `groups`: the most frequent label >= 0 of `labels` among its members (ties: the smaller), or a fresh one. */
function majorityLabels(groups: Int32Array, count: number, labels: Int32Array): Int32Array {
  const votes = new Map<number, number>();
  const out = new Int32Array(count).fill(-1);
  const best = new Float64Array(count);
  let fresh = 0;
  for (let i = 0; i < labels.length; i++) if ((labels[i] as number) + 1 > fresh) fresh = (labels[i] as number) + 1;
  for (let i = 0; i < groups.length; i++) {
    const c = labels[i] as number;
    if (c < 0) continue;
    const key = (groups[i] as number) * fresh + c;
    votes.set(key, (votes.get(key) ?? 0) + 1);
  }
  for (const [key, v] of votes) {
    const grp = Math.floor(key / fresh);
    const c = key - grp * fresh;
    if (v > (best[grp] as number) || (v === best[grp] && c < (out[grp] as number))) {
      best[grp] = v;
      out[grp] = c;
    }
  }
  for (let k = 0; k < count; k++) if ((out[k] as number) < 0) out[k] = fresh + k;
  return out;
}

interface ConsensusOutcome {
  labels: Int32Array;
  /** Real runs, mapped to the nodes of the input graph. */
  runs: Int32Array[];
  /** Nodes of the core graph (the input's when the runs agree). */
  nodes: number;
  consensusRuns: number;
  /** The runs disagreed somewhere. */
  disagreed: boolean;
}

/**
 * Keeps what every run agrees on and decides the rest on the core graph (see the module doc);
 * with a warm start, by the start instead (statusQuo).
 */
function consensusOf(g: WeightedGraph, runs: Int32Array[], gamma: number, nextSeed: () => number, o: ResolvedOptions, start: Int32Array | null, step: (name: NicheStep, detail?: NicheStepDetail) => void): ConsensusOutcome {
  const n = g.csr.offsets.length - 1;
  const { agreement, unanimous } = agreementOf(g.csr, runs);
  if (unanimous || runs.length === 1) return { labels: renumberLabels(runs[0] as Int32Array).community, runs, nodes: n, consensusRuns: 0, disagreed: false };
  const cores = componentsWhere(g.csr, agreement, (a) => a === 1);
  if (start !== null) return { labels: statusQuo(g.csr, agreement, cores, start), runs, nodes: cores.count, consensusRuns: 0, disagreed: true };
  const coreGraph = contract(g, cores.community, cores.count);
  const weights = strengths(coreGraph);
  step('core-graph', { nodes: cores.count, entries: coreGraph.csr.targets.length });
  const tasks: LeidenTask[] = Array.from({ length: o.consensusRuns }, () => ({
    kind: 'leiden' as const,
    csr: coreGraph.csr,
    quality: 'modularity' as const,
    resolution: gamma,
    nodeWeights: weights,
    seed: nextSeed(),
  }));
  const parts = o.runner.run(tasks).map((r) => r.community);
  const expand = (labels: Int32Array): Int32Array => gather(cores.community, labels);
  const result = parts.length === 1 ? (parts[0] as Int32Array) : closestToConsensus(coreGraph.csr, parts, agreementOf(coreGraph.csr, parts).agreement);
  // Cores are numbered by first appearance in node order: renumbering on the cores is renumbering on the nodes.
  return { labels: expand(renumberLabels(result).community), runs: [...runs, ...parts.map(expand)], nodes: cores.count, consensusRuns: parts.length, disagreed: true };
}

/**
 * The consensus of warm-started runs: what they all agree on is kept (the cores, `agreement`
 * 1), what they disagree on stays as it started. Each core carries the start label most of
 * its nodes started under; two cores are joined when they carry the same one and some run
 * puts a tie between them together (agreement > 0). So a change every run makes (a move, a
 * merge, a split: cores apart because every run cuts the ties between them) is taken, and
 * one the runs do not agree on is not. This is the temporal smoothness of evolutionary
 * clustering (D. Chakrabarti, R. Kumar & A. Tomkins, KDD 2006: a partition of the present
 * that also stays close to the past one): where the data does not decide between partitions
 * (the seeded runs differ), the past does, instead of a fresh run on the core graph that
 * would pick one of them at random and give its accounts other niche ids. Labels 0.., by
 * first appearance; every group is connected.
 */
export function statusQuo(csr: Csr, agreement: Float64Array, cores: { community: Int32Array; count: number }, start: Int32Array): Int32Array {
  const n = csr.offsets.length - 1;
  const started = majorityLabels(cores.community, cores.count, start);
  const together = new Float64Array(agreement.length);
  for (let i = 0; i < n; i++) {
    const s = started[cores.community[i] as number] as number;
    for (let e = csr.offsets[i] as number, end = csr.offsets[i + 1] as number; e < end; e++) {
      if ((agreement[e] as number) > 0 && started[cores.community[csr.targets[e] as number] as number] === s) together[e] = 1;
    }
  }
  return componentsWhere(csr, together, (a) => a === 1).community;
}

/** Share of the partitions that put both ends of each entry of `csr` together. */
function agreementOf(csr: Csr, partitions: readonly Int32Array[]): { agreement: Float64Array; unanimous: boolean } {
  const n = csr.offsets.length - 1;
  const agreement = new Float64Array(csr.targets.length);
  let unanimous = true;
  for (let i = 0; i < n; i++) {
    for (let e = csr.offsets[i] as number, end = csr.offsets[i + 1] as number; e < end; e++) {
      const j = csr.targets[e] as number;
      let together = 0;
      for (const p of partitions) if (p[i] === p[j]) together++;
      const a = together / partitions.length;
      agreement[e] = a;
      if (a > 0 && a < 1) unanimous = false;
    }
  }
  return { agreement, unanimous };
}

/** Connected components of the entries whose agreement passes `keep`. */
function componentsWhere(csr: Csr, agreement: Float64Array, keep: (a: number) => boolean): { community: Int32Array; count: number } {
  const n = csr.offsets.length - 1;
  const label = new Int32Array(n).fill(-1);
  const stack = new Int32Array(n);
  let next = 0;
  for (let s = 0; s < n; s++) {
    if (label[s] !== -1) continue;
    label[s] = next;
    let top = 0;
    stack[top++] = s;
    while (top > 0) {
      const i = stack[--top] as number;
      for (let e = csr.offsets[i] as number, end = csr.offsets[i + 1] as number; e < end; e++) {
        const j = csr.targets[e] as number;
        if (label[j] === -1 && keep(agreement[e] as number)) {
          label[j] = next;
          stack[top++] = j;
        }
      }
    }
    next++;
  }
  return { community: label, count: next };
}

/**
 * The run that best matches the consensus: the largest sum over ties of (agreement - 1/2)
 * for the ties it keeps together (so it keeps what most runs keep, and cuts what most cut).
 */
function closestToConsensus(csr: Csr, parts: readonly Int32Array[], agreement: Float64Array): Int32Array {
  const n = csr.offsets.length - 1;
  let best = parts[0] as Int32Array;
  let bestScore = -Infinity;
  for (const p of parts) {
    let score = 0;
    for (let i = 0; i < n; i++) {
      for (let e = csr.offsets[i] as number, end = csr.offsets[i + 1] as number; e < end; e++) {
        if (p[i] === p[csr.targets[e] as number]) score += (agreement[e] as number) - 0.5;
      }
    }
    if (score > bestScore) {
      bestScore = score;
      best = p;
    }
  }
  return best;
}

/**
 * Audience members of oversized niches (see the module doc) become niches of one. Inside a
 * niche larger than `dunbar`, members are peeled while they have at most one tie inside it;
 * what is left is its own 2-core, every member of which is on a cycle inside the niche.
 */
function releaseAudiences(csr: Csr, niche: Int32Array, dunbar: number): { niche: Int32Array; released: number } {
  const n = niche.length;
  const count = countOf(niche);
  const size = new Int32Array(count);
  for (let i = 0; i < n; i++) size[niche[i] as number] = (size[niche[i] as number] as number) + 1;
  const oversized = (c: number) => (size[c] as number) > dunbar;
  const inside = innerDegrees(csr, niche, oversized);
  const stack = new Int32Array(n);
  let top = 0;
  for (let i = 0; i < n; i++) if (oversized(niche[i] as number) && (inside[i] as number) <= 1) stack[top++] = i;
  const out = Int32Array.from(niche);
  let next = count;
  let released = 0;
  while (top > 0) {
    const i = stack[--top] as number;
    const c = niche[i] as number;
    if (out[i] !== c) continue;
    out[i] = next++;
    released++;
    for (let e = csr.offsets[i] as number, end = csr.offsets[i + 1] as number; e < end; e++) {
      const j = csr.targets[e] as number;
      if (out[j] !== c) continue;
      const d = (inside[j] as number) - 1;
      inside[j] = d;
      if (d === 1) stack[top++] = j;
    }
  }
  // Not renumbered: its one reader, nested, numbers its pairs by first appearance itself.
  return { niche: out, released };
}

/**
 * Labels of the pairs (outer, inner), 0 .. count - 1 by first appearance, in one pass: an
 * inner group met under one outer label only (most) keeps one pair label; one met under
 * several keeps a pair label per outer label in a map.
 */
function nested(outer: Int32Array, inner: Int32Array): { community: Int32Array; count: number } {
  const n = outer.length;
  const width = countOf(inner);
  // Per inner label: the outer label it was first met under (-1: not met yet) and that pair's label.
  const firstOuter = new Int32Array(width).fill(-1);
  const firstPair = new Int32Array(width);
  const others = new Map<number, Map<number, number>>();
  const out = new Int32Array(n);
  let next = 0;
  for (let i = 0; i < n; i++) {
    const r = inner[i] as number;
    const c = outer[i] as number;
    const f = firstOuter[r] as number;
    if (f === c) {
      out[i] = firstPair[r] as number;
    } else if (f === -1) {
      firstOuter[r] = c;
      firstPair[r] = next;
      out[i] = next++;
    } else {
      let byOuter = others.get(r);
      if (byOuter === undefined) others.set(r, (byOuter = new Map()));
      let label = byOuter.get(c);
      if (label === undefined) byOuter.set(c, (label = next++));
      out[i] = label;
    }
  }
  return { community: out, count: next };
}

/** out[i] = values[index[i]] (a plain loop: Int32Array.from with a map function is several times slower). */
function gather(index: Int32Array, values: Int32Array): Int32Array {
  const out = new Int32Array(index.length);
  for (let i = 0; i < index.length; i++) out[i] = values[index[i] as number] as number;
  return out;
}

function countOf(labels: Int32Array): number {
  let max = -1;
  for (let i = 0; i < labels.length; i++) if ((labels[i] as number) > max) max = labels[i] as number;
  return max + 1;
}
