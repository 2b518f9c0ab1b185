/**
 * Our analysis pipeline on an edge-list file, in this process (no Neo4j), timed per phase:
 * the compute side of bench/run.ts, run as a child process so that its peak RSS is its own.
 *
 * usage: node --import=tsx bench/compute.ts EDGELIST [SEED] [--runs N] [--threads T] [--repeat N] [--truth FILE] [--cold]   (`a b weight` lines, gzip or plain)
 *
 * The file is read as directed weighted arcs, self-loops dropped, aggregated per ordered
 * pair into a PairTable exactly like the store's projection query does, then given to
 * analyseProjection. `--runs N` (default: the service's default, analyse.ts DEFAULTS.runs) is
 * the analysis param `runs`: 1 = one Leiden run per level. Prints one JSON object (seconds per
 * phase, both modularities, niche figures, peak RSS in MB). `--threads T` (default: the
 * machine's cores, as the service's analysis worker) spreads the independent Leiden runs
 * over T threads (partition-threads.ts); the result is the same for every T. `cpu` holds the
 * CPU seconds of the process (all its threads) per phase, steadier than wall time on a shared
 * machine; `mainCpu` the CPU seconds of this (the main) thread alone per phase, read from
 * /proc/thread-self/schedstat (Linux; null elsewhere): the critical path, which the helper
 * threads' work does not lengthen. `resultHash` fingerprints the whole result
 * (bench/result-hash.ts): equal hashes before and after a change mean the same result, bit
 * for bit. `--repeat N` analyses the projection N times in this process (one line each).
 * `steps` lists the communities phase's steps in order (niches.ts NicheStep: each rung's
 * probe, the niche runs, the consensus, the polish...), wall seconds each (`s`) and this
 * thread's CPU seconds (`mainCpu`), with the nodes and
 * ties (both directions) of the graph the step's runs see where it says. `--truth FILE`
 * (`id label` lines, e.g. bench/lfr.py's .communities) adds nicheNmi and communityNmi.
 *
 * Before the timed part it runs the warm-up analysis (src/analysis/warm-up.ts), as the
 * service's spare analysis worker does while idle (ANALYSIS_WARM_UP), so the timings are
 * those of optimized code; `warmUp` is its wall seconds. `--cold` skips it: the first
 * analysis then pays V8's tier-up, as a service with ANALYSIS_WARM_UP=false does.
 */
import { analyseProjection, DEFAULTS } from '../src/analysis/analyse.js';
import { createThreadRunner } from '../src/analysis/partition-threads.js';
import type { NicheStepDetail } from '../src/analysis/niches.js';
import type { ComputePhase } from '../src/analysis/phases.js';
import { readFileSync } from 'node:fs';
import { normalizedMutualInformation } from '../src/analysis/partition-similarity.js';
import type { AnalysisResult } from '../src/analysis/types.js';
import { readProjection } from './edgelist.js';
import { resultHash } from './result-hash.js';
import { warmUpAnalysis } from '../src/analysis/warm-up.js';

/**
 * NMI (partition-similarity.ts) of the niches and of the communities against a truth file's
 * labels, over the accounts the file names; an account of the unassigned group counts as a
 * singleton at both levels.
 */
function againstTruth(result: AnalysisResult, file: string): { nicheNmi: number; communityNmi: number; truthAccounts: number } {
  const label = new Map<string, string>();
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const [id, c] = line.trim().split(/\s+/);
    if (id !== undefined && id !== '' && c !== undefined) label.set(id, c);
  }
  const truth: string[] = [];
  const niche: string[] = [];
  const community: string[] = [];
  const { ids, niche: row } = result.accounts;
  for (let i = 0; i < ids.length; i++) {
    const c = label.get(ids[i] as string);
    if (c === undefined) continue;
    const r = row[i] as number;
    const alone = r === result.niches.unassignedRow;
    truth.push(c);
    niche.push(alone ? `a${i}` : `n${r}`);
    community.push(alone ? `a${i}` : `c${result.niches.community[r] as number}`);
  }
  return { nicheNmi: normalizedMutualInformation(niche, truth), communityNmi: normalizedMutualInformation(community, truth), truthAccounts: truth.length };
}

const argv = process.argv.slice(2);
const runsAt = argv.indexOf('--runs');
const runs = runsAt >= 0 ? Number(argv.splice(runsAt, 2)[1]) : DEFAULTS.runs;
const threadsAt = argv.indexOf('--threads');
const threads = createThreadRunner(threadsAt >= 0 ? { threads: Number(argv.splice(threadsAt, 2)[1]) } : {});
// Helpers start now, while the file loads, as the service's worker starts them while it reads the baseline.
threads.start();
// `--repeat N`: the analysis N times in this process (later ones with warm JIT), one JSON line each.
const repeatAt = argv.indexOf('--repeat');
const repeat = repeatAt >= 0 ? Number(argv.splice(repeatAt, 2)[1]) : 1;
// `--truth FILE`: `id label` lines (e.g. an LFR graph's planted communities): NMI of both levels against them.
const truthAt = argv.indexOf('--truth');
const truthPath = truthAt >= 0 ? argv.splice(truthAt, 2)[1] : undefined;
// `--cold`: skip the warm-up (warm-up.ts) the service's spare worker runs before its analysis arrives.
const coldAt = argv.indexOf('--cold');
const cold = coldAt >= 0 && argv.splice(coldAt, 1).length === 1;
const [path, seedArg] = argv;
if (!path) throw new Error('usage: bench/compute.ts EDGELIST [SEED] [--runs N]');
const warmUpStarted = performance.now();
if (!cold) warmUpAnalysis(threads);
const warmUpSeconds = cold ? null : (performance.now() - warmUpStarted) / 1000;
const t0 = performance.now();
const projection = await readProjection(path);
const loaded = performance.now();
const cpuSeconds = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};
// CPU seconds of this thread alone (the scheduler's run time of the thread), or NaN off Linux.
const mainCpuSeconds = (): number => {
  try {
    return Number(readFileSync('/proc/thread-self/schedstat', 'utf8').split(' ')[0]) / 1e9;
  } catch {
    return Number.NaN;
  }
};
for (let rep = 0; rep < repeat; rep++) {
  const started = rep === 0 ? loaded : performance.now();
  const marks: Array<[ComputePhase | 'end', number, number, number]> = [];
  const cpu0 = cpuSeconds();
  const mainCpu0 = mainCpuSeconds();
  // The communities phase's steps (niches.ts NicheStep), each with what it worked on.
  const stepMarks: Array<{ step: string; at: number; mainAt: number } & NicheStepDetail> = [];
  const result = analyseProjection(projection, { seed: Number(seedArg ?? 42), topK: 10, runs }, {
    onPhase: (phase) => marks.push([phase, performance.now(), cpuSeconds(), mainCpuSeconds()]),
    onStep: (step, detail) => stepMarks.push({ step, at: performance.now(), mainAt: mainCpuSeconds(), ...detail }),
    runner: threads,
  });
  if (rep === repeat - 1) await threads.close();
  marks.push(['end', performance.now(), cpuSeconds(), mainCpuSeconds()]);
  const phases: Record<string, number> = { compaction: (marks[0]?.[1] ?? started) - started };
  // CPU seconds of this process (every thread) per phase: steadier than wall time on a shared machine.
  const cpu: Record<string, number> = { compaction: (marks[0]?.[2] ?? cpu0) - cpu0 };
  const mainCpu: Record<string, number> = { compaction: (marks[0]?.[3] ?? mainCpu0) - mainCpu0 };
  for (let k = 0; k + 1 < marks.length; k++) {
    phases[marks[k]![0]] = marks[k + 1]![1] - marks[k]![1];
    cpu[marks[k]![0]] = marks[k + 1]![2] - marks[k]![2];
    mainCpu[marks[k]![0]] = marks[k + 1]![3] - marks[k]![3];
  }
  const analysis = (marks.at(-1)?.[1] ?? started) - started;
  // Seconds from each step's start to the next one's (the last to the centrality phase).
  const phaseEnd = marks.find((m) => m[0] === 'centrality') ?? marks.at(-1)!;
  const steps = stepMarks.map(({ step, at, mainAt, ...detail }, k) => ({
    step,
    s: Number((((stepMarks[k + 1]?.at ?? phaseEnd[1]) - at) / 1000).toFixed(3)),
    mainCpu: Number(((stepMarks[k + 1]?.mainAt ?? phaseEnd[3]) - mainAt).toFixed(3)),
    ...detail,
  }));
  process.stdout.write(
    JSON.stringify({
      tool: 'nichegraph',
      ...(repeat > 1 ? { repetition: rep } : {}),
      nodes: result.summary.accounts,
      edges: result.summary.edges,
      niches: result.summary.niches,
      runs: result.summary.runs,
      consensusRounds: result.summary.consensusRounds,
      warmUp: warmUpSeconds,
      load: (loaded - t0) / 1000,
      ...Object.fromEntries(Object.entries(phases).map(([k, v]) => [k, v / 1000])),
      // Louvain + PageRank: what igraph's community_multilevel + pagerank do.
      compute: ((phases.communities ?? 0) + (phases.centrality ?? 0)) / 1000,
      analysis: analysis / 1000,
      total: (marks.at(-1)![1] - t0) / 1000,
      cpu: { ...cpu, analysis: (marks.at(-1)?.[2] ?? cpu0) - cpu0 },
      mainCpu: { ...mainCpu, analysis: (marks.at(-1)?.[3] ?? mainCpu0) - mainCpu0 },
      modularity: result.summary.modularity,
      nicheModularity: result.summary.nicheModularity,
      communityCount: result.summary.communities,
      nicheResolution: result.summary.resolution,
      threads: threads.threads,
      unassigned: result.summary.unassigned,
      largestNiche: Array.from(result.niches.size).reduce((m, size, r) => (r === result.niches.unassignedRow ? m : Math.max(m, size)), 0),
      peakRssMb: process.resourceUsage().maxRSS / 1024,
      ...(truthPath === undefined ? {} : againstTruth(result, truthPath)),
      resultHash: resultHash(result),
      steps,
    }) + '\n',
  );
}
