/**
 * The fold mode (src/store/fold.ts) on a real Neo4j: what a folded graph stores, that a
 * retry never counts a batch twice, that its projection and analysis equal those of the
 * same events unfolded (times at the resolution of a day), and that erasure removes folded
 * relationships.
 */
import t from 'tap';
import { analyseProjection } from '../../src/analysis/analyse.js';
import type { PairTable } from '../../src/analysis/pair-table.js';
import { parseErasureKeys } from '../../src/store/erasure-keys.js';
import { DAY_MS, FoldUnguarded } from '../../src/store/fold.js';
import type { InteractionInput } from '../../src/store/port.js';
import { UploadConflict } from '../../src/store/uploads.js';
import { generateConversationGraph } from '../../src/synthetic/conversation-graph.js';
import { TEST_ERASURE_SECRET } from '../helpers/app.js';
import { ix, newGraph, openStore, uid } from './helpers.js';

const { store, driver } = await openStore(t, { erasureKeys: parseErasureKeys(TEST_ERASURE_SECRET) });
const db = { database: process.env.NEO4J_DATABASE ?? 'neo4j' };
const params = { typeWeights: {}, from: null, to: null, minWeight: 0 };

async function foldedGraph(tt: { teardown(fn: () => unknown): void }): Promise<string> {
  const id = uid('fold');
  const created = await store.createGraph({ id, name: id, description: null, fold: 'day' });
  tt.teardown(() => store.deleteGraph(id));
  if (created?.fold !== 'day') throw new Error('the graph was not created folded');
  return id;
}

async function relationships(g: string): Promise<Array<Record<string, unknown>>> {
  const res = await driver.executeQuery(
    `MATCH (s:Account {graphId: $g})-[r:INTERACTED]->(t) RETURN s.id AS s, t.id AS t, r.type AS type, r.weight AS weight, r.ts AS ts, r.count AS count, r.id AS id
     ORDER BY type, ts, weight`,
    { g },
    db,
  );
  return res.records.map((r) => {
    const o = r.toObject() as Record<string, unknown>;
    return { ...o, ts: o.ts === null ? null : Number(o.ts), count: o.count === null ? null : Number(o.count) };
  });
}

const day1 = Date.UTC(2026, 10, 2);
const day2 = day1 + DAY_MS;
const at = (day: number, hour: number) => day + hour * 3_600_000;

t.test('a folded graph refuses events without ids and no replay guard, and stores nothing of the batch', async (t) => {
  const g = await foldedGraph(t);
  await t.rejects(store.ingest(g, { interactions: [ix('a', 'b', { id: 'e1' }), ix('a', 'b')], accounts: [] }), FoldUnguarded);
  t.equal((await store.getGraph(g))?.interactions, 0, 'nothing stored');
  // Events with ids are never folded: no guard needed, stored one relationship each.
  t.same(await store.ingest(g, { interactions: [ix('a', 'b', { id: 'e1' }), ix('a', 'b', { id: 'e2' })], accounts: [] }), { stored: 2, duplicates: 0, suppressed: 0 });
  t.equal((await store.getGraph(g))?.interactions, 2);
  t.equal((await store.getGraph(g))?.fold, 'day');
});

t.test('events fold per (source, target, type, UTC day, sign), across batches', async (t) => {
  const g = await foldedGraph(t);
  const batch: InteractionInput[] = [
    ix('a', 'b', { weight: 1, timestamp: at(day1, 10) }),
    ix('a', 'b', { weight: 2, timestamp: at(day1, 23) }),
    ix('a', 'b', { weight: -1, timestamp: at(day1, 13) }),
    ix('a', 'b', { type: 'mention', timestamp: at(day1, 9) }),
    ix('a', 'b', { timestamp: at(day2, 0) }),
    ix('a', 'b'),
    ix('a', 'b'),
    ix('a', 'b', { id: 'e1', timestamp: at(day1, 11) }),
  ];
  t.same(await store.ingest(g, { interactions: batch, accounts: [] }, undefined, 'k1'), { stored: 8, duplicates: 0, suppressed: 0 });
  t.same(await store.ingest(g, { interactions: [ix('a', 'b', { weight: 4, timestamp: at(day1, 1) }), ix('b', 'a', { timestamp: at(day1, 2) })], accounts: [] }, undefined, 'k2'), {
    stored: 2,
    duplicates: 0,
    suppressed: 0,
  });
  t.same(await relationships(g), [
    { s: 'a', t: 'b', type: 'mention', weight: 1, ts: day1, count: 1, id: null },
    { s: 'a', t: 'b', type: 'reply', weight: -1, ts: day1, count: 1, id: null },
    { s: 'b', t: 'a', type: 'reply', weight: 1, ts: day1, count: 1, id: null },
    { s: 'a', t: 'b', type: 'reply', weight: 7, ts: day1, count: 3, id: null },
    { s: 'a', t: 'b', type: 'reply', weight: 1, ts: at(day1, 11), count: null, id: 'e1' },
    { s: 'a', t: 'b', type: 'reply', weight: 1, ts: day2, count: 1, id: null },
    { s: 'a', t: 'b', type: 'reply', weight: 2, ts: null, count: 2, id: null },
  ]);
  // The projection reads each folded relationship as its events.
  const table = (await store.project(g, params))!.table;
  const ab = Array.from({ length: table.size }, (_, r) => r).find((r) => table.accounts[table.source[r]!] === 'a' && table.accounts[table.target[r]!] === 'b')!;
  t.equal(table.count[ab], 9, 'a -> b: 9 events');
  t.equal(table.positive[ab], 12);
  t.equal(table.negative[ab], 1);
  t.equal(table.firstTs[ab], day1);
  t.equal(table.lastTs[ab], day2);
});

t.test('a retry of a folded batch never counts it twice', async (t) => {
  const g = await foldedGraph(t);
  const batch = { interactions: [ix('a', 'b', { timestamp: at(day1, 3) }), ix('a', 'b', { timestamp: at(day1, 4) }), ix('c', 'a')], accounts: [] };
  const first = await store.ingest(g, batch, undefined, 'retry-key');
  t.same(first, { stored: 3, duplicates: 0, suppressed: 0 });
  // The same batch under the same key (a retry after a lost answer or a crash before the
  // idempotency record was written): answered from the first commit, nothing added.
  t.same(await store.ingest(g, batch, undefined, 'retry-key'), { stored: 3, duplicates: 0, suppressed: 0, replayed: true });
  const counts = (await relationships(g)).map((r) => r.count);
  t.same(counts.sort(), [1, 2], 'still 2 + 1 events');
  // Another batch under that key is refused, not folded in.
  await t.rejects(store.ingest(g, { interactions: [ix('a', 'b', { timestamp: at(day1, 5) })], accounts: [] }, undefined, 'retry-key'), UploadConflict);
  // A streamed batch (Upload-Id step) retried after its commit: replayed too.
  const step = { uploadId: 'up-1', rowsBefore: 0, rows: 2, batchRows: 2, digest: 'd1' };
  const streamed = { interactions: [ix('a', 'b', { timestamp: at(day1, 6) }), ix('a', 'b', { timestamp: at(day1, 7) })], accounts: [] };
  t.same(await store.ingest(g, streamed, step), { stored: 2, duplicates: 0, suppressed: 0 });
  t.same(await store.ingest(g, streamed, step), { stored: 2, duplicates: 0, suppressed: 0, replayed: true });
  t.same((await relationships(g)).map((r) => r.count).sort(), [1, 4], 'a -> b on day 1: 2 + 2 events, once each');
});

/** The generated graph's events without ids, each repeated 1-3 times on the same UTC day. */
function repeatedEvents(): InteractionInput[] {
  const graph = generateConversationGraph({ seed: 5, accounts: 300, niches: 12, interactions: 5000, days: 20 });
  const out: InteractionInput[] = [];
  graph.interactions.forEach((e, k) => {
    const ts = Date.parse(e.timestamp);
    const dayStart = Math.floor(ts / DAY_MS) * DAY_MS;
    for (let copy = 0; copy <= k % 3; copy++) {
      out.push({ id: null, source: e.source, target: e.target, type: e.type, weight: e.weight, timestamp: dayStart + ((ts - dayStart + copy * 3_600_000) % DAY_MS) });
    }
  });
  return out;
}

function pairs(table: PairTable) {
  return Array.from({ length: table.size }, (_, r) => ({
    s: table.accounts[table.source[r]!],
    t: table.accounts[table.target[r]!],
    positive: table.positive[r]!,
    negative: table.negative[r]!,
    count: table.count[r]!,
    first: table.firstTs[r]!,
    last: table.lastTs[r]!,
    types: Array.from(table.typeIds.subarray(table.typeOffsets[r]!, table.typeOffsets[r + 1]!)).map((id, k) => `${table.typeNames[id]}:${table.typeCounts[table.typeOffsets[r]! + k]}`).sort(),
  }));
}

t.test('folded and unfolded, the same events give the same projection and the same analysis', async (t) => {
  const events = repeatedEvents();
  const plain = await newGraph(t, store, 'unfolded');
  const folded = await foldedGraph(t);
  for (let i = 0; i < events.length; i += 4000) {
    const interactions = events.slice(i, i + 4000);
    await store.ingest(plain, { interactions, accounts: [] });
    await store.ingest(folded, { interactions, accounts: [] }, undefined, `batch-${i}`);
  }
  const stored = [(await store.getGraph(plain))!.interactions, (await store.getGraph(folded))!.interactions];
  t.equal(stored[0], events.length, 'unfolded: one relationship per event');
  t.ok(stored[1]! < stored[0]! * 0.6, `folded: fewer relationships (${stored[1]} for ${stored[0]} events)`);

  const a = (await store.project(plain, params))!.table;
  const b = (await store.project(folded, params))!.table;
  t.same(b.accounts, a.accounts);
  const pa = pairs(a);
  const pb = pairs(b);
  t.equal(pb.length, pa.length, 'same pairs');
  let mismatches = 0;
  pa.forEach((p, k) => {
    const q = pb[k]!;
    const same =
      q.s === p.s &&
      q.t === p.t &&
      Math.abs(q.positive - p.positive) < 1e-9 &&
      Math.abs(q.negative - p.negative) < 1e-9 &&
      q.count === p.count &&
      q.types.join() === p.types.join() &&
      // Times at the resolution of a day: the day's start of the unfolded first / last event.
      q.first === Math.floor(p.first / DAY_MS) * DAY_MS &&
      q.last === Math.floor(p.last / DAY_MS) * DAY_MS;
    if (!same) mismatches++;
  });
  t.equal(mismatches, 0, 'every pair: same sums, counts and types; times = the day');

  const options = { seed: 11, topK: 3, runs: 3 };
  const ra = analyseProjection(a, options);
  const rb = analyseProjection(b, options);
  t.ok(ra.niches.count > 3, `the analysis finds niches (${ra.niches.count})`);
  t.same(Array.from(rb.accounts.niche), Array.from(ra.accounts.niche), 'same niche of every account');
  t.same(Array.from(rb.accounts.rank), Array.from(ra.accounts.rank), 'same rank of every account');
  t.same(Array.from(rb.niches.trusted.account), Array.from(ra.niches.trusted.account), 'same trusted members');
  const scoreGap = ra.accounts.score.reduce((gap, s, i) => Math.max(gap, Math.abs(s - rb.accounts.score[i]!)), 0);
  t.ok(scoreGap < 1e-9, `same trust scores (largest difference ${scoreGap})`);
  t.same(Array.from(rb.niches.events), Array.from(ra.niches.events), 'same events per niche');
});

t.test('erasure removes folded relationships, and later batches naming the account are suppressed', async (t) => {
  const g = await foldedGraph(t);
  await store.ingest(g, { interactions: [ix('a', 'b', { timestamp: at(day1, 1) }), ix('a', 'b', { timestamp: at(day1, 2) }), ix('c', 'b'), ix('b', 'c')], accounts: [] }, undefined, 'e-1');
  t.ok(await store.eraseAccount(g, 'a'));
  t.same((await relationships(g)).map((r) => `${String(r.s)}>${String(r.t)}`).sort(), ['b>c', 'c>b'], "a's folded relationship is gone");
  t.same(await store.ingest(g, { interactions: [ix('a', 'b', { timestamp: at(day1, 3) }), ix('c', 'b')], accounts: [] }, undefined, 'e-2'), { stored: 1, duplicates: 0, suppressed: 1 });
  const table = (await store.project(g, params))!.table;
  t.notOk(table.accounts.includes('a'), 'the projection has no trace of a');
});
