/**
 * A table handed over to the analysis (a function that gives it) is held only while it is
 * read: its weights once the compact graph is built, the rest once the niche activity is
 * read at the start of the scoring. What the service relies on to keep a 1M-account
 * analysis's memory down (analysis-worker.ts); the result is the one the table gives.
 */
import t from 'tap';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { analyseProjection } from '../../src/analysis/analyse.js';
import { pairTableFromProjection, type PairTable } from '../../src/analysis/pair-table.js';
import type { AnalysisOptions, Projection } from '../../src/analysis/types.js';

setFlagsFromString('--expose-gc');
const collect = runInNewContext('gc') as () => void;

// Ten rings of 30 accounts with a few chords between them and timestamps, so that the
// analysis finds niches with activity.
function projection(): Projection {
  const accounts: string[] = [];
  const pairs: Projection['pairs'] = [];
  const id = (k: number) => `a${String(k).padStart(3, '0')}`;
  for (let k = 0; k < 300; k++) accounts.push(id(k));
  for (let ring = 0; ring < 10; ring++) {
    for (let i = 0; i < 30; i++) {
      const from = ring * 30 + i;
      pairs.push({ source: id(from), target: id(ring * 30 + ((i + 1) % 30)), positive: 2, negative: 0, count: 2, firstTs: 1_700_000_000_000 + from, lastTs: 1_700_000_900_000 + from, types: { reply: 2 } });
      pairs.push({ source: id(from), target: id(ring * 30 + ((i + 7) % 30)), positive: 1, negative: 0, count: 1, types: { mention: 1 } });
    }
    pairs.push({ source: id(ring * 30), target: id(((ring + 1) % 10) * 30 + 5), positive: 1, negative: 0, count: 1 });
  }
  return { accounts, pairs };
}

const options: AnalysisOptions = { seed: 7, topK: 3, runs: 2 };

t.test('handed over: same result as the table given, the function called once', async (t) => {
  const given = analyseProjection(pairTableFromProjection(projection()), options);
  let calls = 0;
  const handed = analyseProjection(() => {
    calls++;
    return pairTableFromProjection(projection());
  }, options);
  t.equal(calls, 1);
  t.same(handed, given);
  t.ok(given.niches.count > 1, `niches found (${given.niches.count})`);
  t.ok(Array.from(given.niches.events).some((n) => n > 0), 'with activity, which reads the table');
});

t.test('handed over: the weights unreachable by the scoring, the rest once the activity is read', async (t) => {
  // Built and dropped here: from now on the analysis holds the only references.
  let table: PairTable | null = pairTableFromProjection(projection());
  const weights = new WeakRef(table.positive);
  const negative = new WeakRef(table.negative);
  const counts = new WeakRef(table.count);
  const times = new WeakRef(table.firstTs);
  const seen: Record<string, { weights: boolean; counts: boolean }> = {};
  // A WeakRef keeps its target alive until the end of the job that made or read it: the
  // analysis runs in a later one, and the last checks after one more.
  const nextJob = () => new Promise((resolve) => setImmediate(resolve));
  await nextJob();
  const result = analyseProjection(
    () => {
      const handed = table as PairTable;
      table = null;
      return handed;
    },
    options,
    {
      onPhase: (phase) => {
        collect();
        seen[phase] = { weights: weights.deref() !== undefined, counts: counts.deref() !== undefined };
      },
    },
  );
  t.same(seen.communities, { weights: false, counts: true }, 'the communities phase: the weights dropped, the activity columns kept');
  t.same(seen.scoring, { weights: false, counts: true }, 'the scoring starts with the activity columns');
  await nextJob();
  collect();
  t.equal(negative.deref(), undefined, 'the negative weights dropped');
  t.equal(counts.deref(), undefined, 'the counts dropped once read, while the result is held');
  t.equal(times.deref(), undefined, 'the timestamps too');
  t.ok(result.accounts.count === 300);
});
