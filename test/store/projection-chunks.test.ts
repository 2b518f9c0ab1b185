/**
 * Projection chunks (src/store/projection-chunks.ts) on a real Neo4j: a projection read from
 * the chunks equals the one read from the relationships (a store with projectionChunks:
 * false, same server, same graph), for the same parameters, after replays, erasure, folding,
 * on a graph without chunks (ingested before they existed) and when a batch lists accounts
 * without interactions; and graph deletion takes the chunks with it. A rebuild runs in
 * bounded transactions (ChunkRebuild): one that an ingest, an erasure or another rebuild
 * overtakes commits nothing and leaves nothing behind; one cut off is taken over.
 */
import t, { type Test } from 'tap';
import { pairTableRows, type PairTable } from '../../src/analysis/pair-table.js';
import { CypherFiles } from '../../src/store/cypher-files.js';
import { parseErasureKeys } from '../../src/store/erasure-keys.js';
import { Neo4jContext, silentLogger } from '../../src/store/neo4j-context.js';
import { ChunkRebuild, rebuildChunks } from '../../src/store/projection-chunks.js';
import type { InteractionInput, ProjectionParams } from '../../src/store/port.js';
import { TEST_ERASURE_SECRET } from '../helpers/app.js';
import { ix, newGraph, openStore, uid } from './helpers.js';

const erasureKeys = parseErasureKeys(TEST_ERASURE_SECRET);
const { store, driver } = await openStore(t, { erasureKeys });
// The reference: the same server read through the relationships, chunks never used.
const { store: relational } = await openStore(t, { erasureKeys, projectionChunks: false });
const db = { database: process.env.NEO4J_DATABASE ?? 'neo4j' };
const ctx = new Neo4jContext(driver, db.database, silentLogger, new CypherFiles());
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
      return name === 'projection-chunk-pending-write' ? 'RETURN 1 / 0 AS boom' : super.get(name);
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
  t.equal(await orphans(g), 0, 'and nothing of it is left');
  t.same(rows((await failing.project(g, base))?.table), expected);
  t.equal(warnings.length, 1, 'same version: no second attempt');
  await store.ingest(g, { interactions: events(13, 50, true), accounts: [] });
  t.same(rows((await failing.project(g, base))?.table), rows((await relational.project(g, base))?.table));
  t.equal(warnings.length, 2, 'the version moved: attempted again');
});

/** Chunks of the graph that no projection reads (pending or retired: projection-chunks-sweep). */
async function orphans(g: string): Promise<number> {
  const res = await driver.executeQuery('MATCH (c:ProjectionChunk {orphanOf: $g}) RETURN count(c) AS n', { g }, db);
  return Number(res.records[0]?.get('n'));
}

async function storedRelationships(g: string): Promise<number> {
  const res = await driver.executeQuery('MATCH (:Account {graphId: $g})-[r:INTERACTED]->() RETURN count(r) AS n', { g }, db);
  return Number(res.records[0]?.get('n'));
}

/** A graph of two batches whose chunk set is then marked stale (as an erasure leaves it). */
async function staleGraph(t: Test, prefix: string): Promise<string> {
  const g = await newGraph(t, store, prefix);
  await store.ingest(g, { interactions: events(21, 300, true), accounts: [] });
  await store.ingest(g, { interactions: events(22, 200, false), accounts: [] });
  await driver.executeQuery(`MATCH (g:Graph {id: $g}) SET g.projectionChunks = 'stale'`, { g }, db);
  return g;
}

t.test('a rebuild writes its chunks in transactions of their own and swaps them in at once', async (t) => {
  const g = await staleGraph(t, 'chunks-parts');
  const before = await chunkState(g);
  const rebuild = new ChunkRebuild(ctx, g);
  t.equal(await rebuild.start(), 'claimed');
  t.ok(await rebuild.copyRelationships(37), 'copied');
  const stored = await storedRelationships(g);
  t.same(rebuild.written, { chunks: Math.ceil(stored / 37), events: stored }, 'every relationship once, 37 events a chunk');
  t.same(await chunkState(g), { state: rebuild.claim, chunks: before.chunks, events: before.events }, 'the pending chunks are not the set yet');
  t.equal(await orphans(g), Math.ceil(stored / 37), 'they wait beside it');
  t.ok(await rebuild.commit(), 'committed');
  t.same(await chunkState(g), { state: 'valid', chunks: Math.ceil(stored / 37), events: stored }, 'swapped in at once');
  t.equal(await orphans(g), before.chunks, 'the old chunks are retired');
  await rebuild.sweep([]);
  t.equal(await orphans(g), 0, 'and swept');
  await sameBothWays(t, g, 'rebuilt in parts');
  t.equal(await new ChunkRebuild(ctx, g).start(), 'valid', 'a valid set is not claimed');
});

t.test('an ingest committed during a rebuild makes its commit refuse; the next projection rebuilds', async (t) => {
  const g = await staleGraph(t, 'chunks-race-ingest');
  const rebuild = new ChunkRebuild(ctx, g);
  t.equal(await rebuild.start(), 'claimed');
  t.ok(await rebuild.copyRelationships(50));
  // Not waiting for the rebuild (it holds no lock between its transactions), and writing no chunk.
  const before = await chunkState(g);
  const batch = events(23, 100, true);
  t.equal((await store.ingest(g, { interactions: batch, accounts: [] }))?.stored, batch.length, 'the ingest is stored meanwhile');
  t.same(await chunkState(g), before, 'the ingest wrote no chunk while the set was claimed');
  t.notOk(await rebuild.commit(), 'the version moved: refused');
  t.equal((await chunkState(g)).state, rebuild.claim, 'nothing changed');
  await rebuild.abandon();
  t.equal((await chunkState(g)).state, 'stale', 'the claim given back');
  t.equal(await orphans(g), 0, 'its pending chunks swept');
  await sameBothWays(t, g, 'after the refused rebuild');
  t.equal((await chunkState(g)).state, 'valid');
  t.equal((await chunkState(g)).events, await storedRelationships(g), 'the ingested batch is in the rebuilt set');
});

t.test('an erasure during a rebuild: the rebuild loses its claim, writes and commits nothing', async (t) => {
  const g = await staleGraph(t, 'chunks-race-erase');
  const rebuild = new ChunkRebuild(ctx, g);
  t.equal(await rebuild.start(), 'claimed');
  t.ok(await store.eraseAccount(g, 'u1'));
  t.notOk(await rebuild.copyRelationships(50), 'claim lost: the first pending write is refused');
  t.equal(rebuild.written.chunks, 0, 'nothing written');
  t.notOk(await rebuild.commit(), 'nor committed');
  t.equal((await chunkState(g)).state, 'stale');
  // rebuildChunks itself, overtaken the same way, reports false (the caller reads the relationships).
  t.notOk((await store.project(g, base))?.table.accounts.includes('u1'), 'the erased account is not projected');
  await sameBothWays(t, g, 'after the erasure');
  t.equal(await orphans(g), 0);
});

t.test('a rebuild whose claim is taken over (or whose process died) leaves nothing that is read', async (t) => {
  const g = await staleGraph(t, 'chunks-takeover');
  const first = new ChunkRebuild(ctx, g);
  t.equal(await first.start(), 'claimed');
  t.ok(await first.copyRelationships(40));
  t.ok((await orphans(g)) > 0, 'the first rebuild has pending chunks');
  const second = new ChunkRebuild(ctx, g);
  t.equal(await second.start(), 'claimed', 'the claim is taken over');
  t.equal(await orphans(g), 0, "the first rebuild's pending chunks are swept by the second");
  t.notOk(await first.write({ events: 0, types: '[]', columns: '', counted: false }), 'the first can write no more');
  t.notOk(await first.commit(), 'nor commit');
  t.ok(await second.copyRelationships(40));
  t.ok(await second.commit());
  await second.sweep([]);
  t.equal((await chunkState(g)).events, await storedRelationships(g));
  await sameBothWays(t, g, 'after a take-over');
  // A rebuild cut off before its commit (worker killed): its claim stays until the next projection takes it over.
  await driver.executeQuery(`MATCH (g:Graph {id: $g}) SET g.projectionChunks = 'stale'`, { g }, db);
  const dead = new ChunkRebuild(ctx, g);
  t.equal(await dead.start(), 'claimed');
  t.ok(await dead.copyRelationships(40));
  t.ok(await rebuildChunks(ctx, g), 'the next rebuild takes the claim over and commits');
  t.equal(await orphans(g), 0, "the dead rebuild's chunks are gone");
  t.same(await chunkState(g), { state: 'valid', chunks: 1, events: await storedRelationships(g) });
});

t.test('deleting a graph deletes the pending chunks of a rebuild too', async (t) => {
  const g = await staleGraph(t, 'chunks-delete-pending');
  const rebuild = new ChunkRebuild(ctx, g);
  t.equal(await rebuild.start(), 'claimed');
  t.ok(await rebuild.copyRelationships(40));
  t.ok(await store.deleteGraph(g));
  t.equal(await orphans(g), 0, 'no pending chunk left');
  t.notOk(await rebuild.write({ events: 0, types: '[]', columns: '', counted: false }), 'and none written after');
  t.notOk(await rebuild.commit());
});
