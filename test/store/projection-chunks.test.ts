/**
 * Projection chunks (src/store/projection-chunks.ts) on a real Neo4j: a projection read from
 * the chunks equals the one read from the relationships (a store with projectionChunks:
 * false, same server, same graph), for the same parameters, after replays, erasure, folding,
 * on a graph without chunks (ingested before they existed) and when a batch lists accounts
 * without interactions; and graph deletion takes the chunks with it.
 */
import t, { type Test } from 'tap';
import { pairTableRows, type PairTable } from '../../src/analysis/pair-table.js';
import { CypherFiles } from '../../src/store/cypher-files.js';
import { parseErasureKeys } from '../../src/store/erasure-keys.js';
import type { InteractionInput, ProjectionParams } from '../../src/store/port.js';
import { TEST_ERASURE_SECRET } from '../helpers/app.js';
import { ix, newGraph, openStore, uid } from './helpers.js';

const erasureKeys = parseErasureKeys(TEST_ERASURE_SECRET);
const { store, driver } = await openStore(t, { erasureKeys });
// The reference: the same server read through the relationships, chunks never used.
const { store: relational } = await openStore(t, { erasureKeys, projectionChunks: false });
const db = { database: process.env.NEO4J_DATABASE ?? 'neo4j' };
const T = 1_700_000_000_000;
const DAY = 86_400_000;
const base: ProjectionParams = { typeWeights: {}, from: null, to: null, minWeight: 0 };
const variants: ProjectionParams[] = [
  base,
  { ...base, typeWeights: { like: 0, share: 2.5 }, minWeight: 2 },
  { ...base, from: T + 3 * DAY, to: T + 9 * DAY },
  { ...base, from: T + 2 * DAY, to: null },
  { ...base, halfLife: 'P3D' },
  { ...base, halfLife: 'P1D', to: T + 5 * DAY, typeWeights: { reply: 0 } },
];

async function chunkState(g: string): Promise<{ state: unknown; chunks: number; events: number }> {
  const res = await driver.executeQuery(
    `MATCH (g:Graph {id: $g}) OPTIONAL MATCH (c:ProjectionChunk {graphId: $g})
     RETURN g.projectionChunks AS state, count(c) AS chunks, coalesce(sum(c.events), 0) AS events`,
    { g },
    db,
  );
  const r = res.records[0];
  return { state: r?.get('state') ?? null, chunks: Number(r?.get('chunks') ?? 0), events: Number(r?.get('events') ?? 0) };
}

/**
 * A table as plain rows (accounts and pairs), for t.same. Weighted sums are rounded to 12
 * significant digits: the two reads add a pair's events in different orders (ingestion
 * order against relationship-store order), and decayed weights are not exact in binary.
 */
function rows(table: PairTable | undefined) {
  const round = (x: number) => (x === 0 ? 0 : Number(x.toPrecision(12)));
  return table && { accounts: table.accounts, pairs: pairTableRows(table).map((p) => ({ ...p, positive: round(p.positive), negative: round(p.negative) })) };
}

async function sameBothWays(tt: Test, g: string, label: string): Promise<void> {
  for (const params of variants) {
    const viaChunks = await store.project(g, params);
    const viaRelationships = await relational.project(g, params);
    tt.ok(viaChunks && viaRelationships, `${label}: both project`);
    tt.equal(viaChunks?.version, viaRelationships?.version, `${label}: same version`);
    tt.same(rows(viaChunks?.table), rows(viaRelationships?.table), `${label}: same table for ${JSON.stringify(params)}`);
  }
}

/** A few hundred events over ten days: types, negative weights, no timestamp, hubs, repeats. */
function events(seed: number, n: number, withIds: boolean): InteractionInput[] {
  let x = seed;
  const next = () => (x = (x * 1103515245 + 12345) % 2147483648) / 2147483648;
  const types = ['reply', 'like', 'share', 'mention'];
  const out: InteractionInput[] = [];
  for (let k = 0; k < n; k++) {
    const s = `u${Math.floor(next() * next() * 40)}`;
    const tg = `u${Math.floor(next() * 40)}`;
    if (s === tg) continue;
    out.push(
      ix(s, tg, {
        ...(withIds ? { id: `e${seed}-${k}` } : {}),
        type: types[Math.floor(next() * types.length)] as string,
        weight: next() < 0.15 ? -Math.ceil(next() * 3) : Math.ceil(next() * 4) / 2,
        timestamp: next() < 0.1 ? null : T + Math.floor(next() * 10 * DAY),
      }),
    );
  }
  return out;
}

t.test('ingested batches, replays by id and listed accounts: chunks equal relationships', async (t) => {
  const g = await newGraph(t, store, 'chunks');
  t.same(await chunkState(g), { state: 'valid', chunks: 0, events: 0 }, 'a new graph: an empty, valid chunk set');
  const first = events(1, 300, true);
  await store.ingest(g, { interactions: first, accounts: [{ id: 'lonely', properties: { name: 'L' } }] });
  await store.ingest(g, { interactions: events(2, 300, false), accounts: [] });
  const before = await chunkState(g);
  // The same batch again: every id is a duplicate, nothing stored, no chunk event added.
  const replay = await store.ingest(g, { interactions: first, accounts: [] });
  t.equal(replay?.stored, 0, 'a replay stores nothing');
  t.equal((await chunkState(g)).events, before.events, 'a replay adds no chunk event');
  // Half old ids, half new: only the new ones reach the chunk.
  const mixed = [...first.slice(0, 100), ...events(3, 100, true)];
  const outcome = await store.ingest(g, { interactions: mixed, accounts: [{ id: 'lonely2', properties: {} }] });
  t.equal((await chunkState(g)).events, before.events + (outcome?.stored ?? -1), 'the chunk holds exactly the stored events');
  const state = await chunkState(g);
  t.equal(state.state, 'valid');
  t.equal(state.chunks, 3, 'one chunk per batch that stored something or listed accounts (not the replay)');
  const projected = await store.project(g, base);
  t.ok(projected?.table.accounts.includes('lonely') && projected.table.accounts.includes('lonely2'), 'accounts without interactions are projected');
  await sameBothWays(t, g, 'ingested');
});

t.test('erasure marks the chunks stale; the next projection rebuilds them and equals the relationships', async (t) => {
  const g = await newGraph(t, store, 'chunks-erase');
  await store.ingest(g, { interactions: events(4, 400, true), accounts: [] });
  await store.ingest(g, { interactions: events(5, 200, false), accounts: [] });
  const hub = 'u0';
  t.ok((await store.project(g, base))?.table.accounts.includes(hub), 'the hub is there before');
  t.ok(await store.eraseAccount(g, hub));
  t.equal((await chunkState(g)).state, 'stale', 'erasure leaves the chunk set stale');
  const after = await store.project(g, base);
  t.notOk(after?.table.accounts.includes(hub), 'the erased account is gone from the chunk projection');
  const rebuilt = await chunkState(g);
  t.equal(rebuilt.state, 'valid', 'the projection rebuilt the chunk set');
  const stored = await driver.executeQuery('MATCH (:Account {graphId: $g})-[r:INTERACTED]->() RETURN count(r) AS n', { g }, db);
  t.equal(rebuilt.events, Number(stored.records[0]?.get('n')), 'the rebuilt chunks hold every stored relationship once');
  await sameBothWays(t, g, 'after erasure');
  // Ingesting after the rebuild appends to the valid set again.
  await store.ingest(g, { interactions: events(6, 100, true), accounts: [] });
  t.equal((await chunkState(g)).state, 'valid');
  await sameBothWays(t, g, 'after erasure and a new batch');
});

t.test('a graph without chunks (ingested before they existed) is rebuilt on its first projection', async (t) => {
  const g = await newGraph(t, store, 'chunks-legacy');
  await store.ingest(g, { interactions: events(7, 300, true), accounts: [{ id: 'solo', properties: {} }] });
  await driver.executeQuery('MATCH (g:Graph {id: $g}) REMOVE g.projectionChunks WITH g MATCH (c:ProjectionChunk {graphId: $g}) DELETE c', { g }, db);
  t.same(await chunkState(g), { state: null, chunks: 0, events: 0 }, 'as a graph from before chunks');
  // Ingesting into it writes no chunk (the set is not valid: the rebuild will read everything).
  await store.ingest(g, { interactions: events(8, 50, true), accounts: [] });
  t.equal((await chunkState(g)).chunks, 0, 'no chunk written while the set is missing');
  const projected = await store.project(g, base);
  t.ok(projected?.table.accounts.includes('solo'), 'an account without interactions survives the rebuild');
  t.equal((await chunkState(g)).state, 'valid', 'rebuilt');
  await sameBothWays(t, g, 'rebuilt');
});

t.test('a folded graph: folded additions across batches are chunk events of their own', async (t) => {
  const id = uid('chunks-fold');
  await store.createGraph({ id, name: id, description: null, fold: 'day' });
  t.teardown(() => store.deleteGraph(id));
  const batch = (seed: number) => events(seed, 200, false).map((e) => ({ ...e, timestamp: e.timestamp === null ? null : T + (e.timestamp % (3 * DAY)) }));
  await store.ingest(id, { interactions: batch(9), accounts: [] }, undefined, 'fold-k1');
  // Same days and pairs again: most groups add to stored relationships.
  await store.ingest(id, { interactions: batch(10), accounts: [] }, undefined, 'fold-k2');
  // A retry of the first batch under its key is answered from its record: nothing added.
  const before = await chunkState(id);
  await store.ingest(id, { interactions: batch(9), accounts: [] }, undefined, 'fold-k1');
  t.same(await chunkState(id), before, 'a replayed folded batch writes no chunk');
  await sameBothWays(t, id, 'folded');
  // And after a rebuild (the chunks then mirror the folded relationships one row each).
  await driver.executeQuery(`MATCH (g:Graph {id: $g}) SET g.projectionChunks = 'stale'`, { g: id }, db);
  await sameBothWays(t, id, 'folded, rebuilt');
  t.equal((await chunkState(id)).state, 'valid');
});

t.test('deleting a graph deletes its chunks', async (t) => {
  const id = uid('chunks-delete');
  await store.createGraph({ id, name: id, description: null });
  await store.ingest(id, { interactions: events(11, 100, true), accounts: [] });
  t.ok((await chunkState(id)).chunks > 0);
  t.ok(await store.deleteGraph(id));
  const left = await driver.executeQuery('MATCH (c:ProjectionChunk {graphId: $g}) RETURN count(c) AS n', { g: id }, db);
  t.equal(Number(left.records[0]?.get('n')), 0, 'no chunk left');
});

t.test('a rebuild that fails falls back to the relationship read, and is not retried before the graph changes', async (t) => {
  // A store whose chunk writes fail (division by zero at run time): every rebuild fails.
  class FailingChunkWrites extends CypherFiles {
    override get(name: string): string {
      return name === 'projection-chunk-write' ? 'RETURN 1 / 0 AS boom' : super.get(name);
    }
  }
  const warnings: object[] = [];
  const logger = { debug() {}, info() {}, warn: (obj: object) => void warnings.push(obj) };
  const { store: failing } = await openStore(t, { erasureKeys, cypher: new FailingChunkWrites(), logger });
  const g = await newGraph(t, store, 'chunks-fail');
  await store.ingest(g, { interactions: events(12, 200, true), accounts: [] });
  await driver.executeQuery(`MATCH (g:Graph {id: $g}) SET g.projectionChunks = 'stale'`, { g }, db);
  const expected = rows((await relational.project(g, base))?.table);
  t.same(rows((await failing.project(g, base))?.table), expected, 'the failed rebuild fell back to the relationships');
  t.equal(warnings.length, 1, 'the failure was logged');
  t.equal((await chunkState(g)).state, 'stale', 'nothing of the failed rebuild was committed');
  t.same(rows((await failing.project(g, base))?.table), expected);
  t.equal(warnings.length, 1, 'same version: no second attempt');
  await store.ingest(g, { interactions: events(13, 50, true), accounts: [] });
  t.same(rows((await failing.project(g, base))?.table), rows((await relational.project(g, base))?.table));
  t.equal(warnings.length, 2, 'the version moved: attempted again');
});
