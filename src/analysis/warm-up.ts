/**
 * The whole analysis, run once on a generated graph before a real one arrives, so that the
 * real one runs in optimized code.
 *
 * V8 compiles a function with its optimizing tier only after it has run often enough, and
 * per thread (a worker thread has its own isolate: nothing compiled in another thread is
 * reused). An analysis worker and its helper threads are started for each analysis, so
 * every analysis paid for that tier-up: on higgs-twitter's retweet layer the first of three
 * analyses in one process used about 1 s more CPU than the third (bench/compute.ts
 * `--repeat 3`: 4.55, 3.81, 3.49 s), most of it in the helpers, which the main thread then
 * waited for. The spare analysis worker (src/jobs/analysis-runner.ts) runs this while it
 * waits for its analysis, on its own helper threads, when the machine is otherwise idle;
 * bench/compute.ts does the same unless `--cold`.
 *
 * The graph exercises every step of the pipeline with the value types a real projection
 * has (weights with fractions, negative ratings, timestamps and their absence, several
 * interaction types): planted circles of 5 to 150 accounts (Dunbar's layers, as in
 * niches.ts) grouped into communities, ties between circles and between communities,
 * broadcasters with audiences of single-tie accounts (leaf contraction, audience peeling),
 * and enough accounts after the contraction (`DEFAULTS.circleAccounts`, above
 * partition-threads.ts minNodes) that the probes and the niche runs go to the helper
 * threads as a real graph's do. Nothing depends on its result; it is thrown away.
 */
import { analyseProjection, DEFAULTS as ANALYSIS_DEFAULTS } from './analyse.js';
import { PairTableBuilder, type PairTable } from './pair-table.js';
import type { PartitionRunner } from './partition-tasks.js';
import { createRng } from './random.js';
import type { SideRunner } from './side-tasks.js';

export const DEFAULTS = {
  /** Accounts in the planted circles (above partition-threads.ts minNodes, 20,000). */
  circleAccounts: 24_000,
  /** Single-tie accounts, each in the audience of one broadcaster. */
  audienceAccounts: 12_000,
  broadcasters: 40,
  /** Circles per community. */
  circlesPerCommunity: 10,
  seed: 1,
};

const DAY = 86_400_000;
const START = Date.UTC(2026, 0, 1);

/** The generated graph of warmUpAnalysis as a projection table (deterministic). */
export function warmUpTable(options: Partial<typeof DEFAULTS> = {}): PairTable {
  const { circleAccounts, audienceAccounts, broadcasters, circlesPerCommunity, seed } = { ...DEFAULTS, ...options };
  const rng = createRng(seed);
  const pick = (n: number): number => Math.floor(rng() * n);
  const n = circleAccounts + audienceAccounts + broadcasters;
  const width = String(n).length;
  const ids = Array.from({ length: n }, (_, i) => `warm-${String(i).padStart(width, '0')}`);
  // Circles: consecutive accounts, sizes log-uniform in [5, 150].
  const circleStart: number[] = [];
  for (let at = 0; at < circleAccounts; ) {
    circleStart.push(at);
    at += Math.round(5 * Math.exp(rng() * Math.log(150 / 5)));
  }
  circleStart.push(circleAccounts);
  const circles = circleStart.length - 1;
  const circleOf = new Int32Array(circleAccounts);
  for (let c = 0; c < circles; c++) circleOf.fill(c, circleStart[c] as number, Math.min(circleAccounts, circleStart[c + 1] as number));
  const memberOf = (c: number): number => {
    const from = circleStart[c] as number;
    return from + pick(Math.min(circleAccounts, circleStart[c + 1] as number) - from);
  };

  const builder = new PairTableBuilder();
  const tie = (a: number, b: number): void => {
    if (a === b) return;
    const events = 1 + pick(3);
    const rating = rng() < 0.03;
    const dated = rng() < 0.9;
    const first = START + pick(30) * DAY + pick(DAY);
    builder.add({
      source: ids[a] as string,
      target: ids[b] as string,
      positive: rating ? 0 : events * (rng() < 0.5 ? 1 : 0.5),
      negative: rating ? events : 0,
      count: events,
      types: rating ? ['rating'] : events > 1 ? ['reply', 'share'] : ['reply'],
      typeCounts: rating ? [events] : events > 1 ? [events - 1, 1] : [1],
      firstTs: dated ? first : null,
      lastTs: dated ? first + pick(5) * DAY : null,
    });
  };
  const communities = Math.ceil(circles / circlesPerCommunity);
  for (let a = 0; a < circleAccounts; a++) {
    const c = circleOf[a] as number;
    for (let k = 3 + pick(4); k > 0; k--) {
      const r = rng();
      if (r < 0.85) tie(a, memberOf(c));
      else if (r < 0.97) tie(a, memberOf(Math.min(circles - 1, Math.floor(c / circlesPerCommunity) * circlesPerCommunity + pick(circlesPerCommunity))));
      else tie(a, memberOf(Math.min(circles - 1, pick(communities) * circlesPerCommunity + pick(circlesPerCommunity))));
    }
    if (rng() < 0.05) tie(a, circleAccounts + audienceAccounts + pick(broadcasters));
  }
  // Audiences: each single-tie account reaches one broadcaster (a few broadcasters draw most).
  for (let a = circleAccounts; a < circleAccounts + audienceAccounts; a++) {
    tie(a, circleAccounts + audienceAccounts + Math.floor(broadcasters * rng() * rng()));
  }
  return builder.finish(ids, undefined, { mergeDuplicates: true });
}

/**
 * Runs the analysis at its defaults on warmUpTable's graph with `runner` (a thread runner:
 * its helpers warm up too). `stop()` is asked between the steps: when it says true the
 * warm-up ends there (a real analysis is waiting). Returns whether it ran to its end.
 */
export function warmUpAnalysis(runner: PartitionRunner & SideRunner, stop: () => boolean = () => false, table: PairTable = warmUpTable()): boolean {
  const halt = (): void => {
    if (stop()) throw new WarmUpStopped();
  };
  try {
    analyseProjection(table, { seed: 1, topK: 10, runs: ANALYSIS_DEFAULTS.runs }, { runner, onPhase: halt, onStep: halt });
    return true;
  } catch (err) {
    if (err instanceof WarmUpStopped) return false;
    throw err;
  }
}

class WarmUpStopped extends Error {}
