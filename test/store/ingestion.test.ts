import t from 'tap';
import { newGraph, openStore, ix, uid } from './helpers.js';
import type { InteractionInput } from '../../src/store/port.js';

const { store, driver } = await openStore(t);
const db = { database: process.env.NEO4J_DATABASE ?? 'neo4j' };

t.test('unknown graph answers null', async (t) => {
  t.equal(await store.ingest(uid('nope'), { interactions: [ix('a', 'b')], accounts: [] }), null);
});

t.test('ids make ingestion idempotent', async (t) => {
  const g = await newGraph(t, store, 'idem');
  const batch = {
    interactions: [
      ix('a', 'b', { id: 'e1' }),
      ix('b', 'a', { id: 'e2' }),
      ix('a', 'b', { id: 'e1' }), // repeated inside the batch
      ix('a', 'b'), // no id: always stored
    ],
    accounts: [],
  };
  t.same(await store.ingest(g, batch), { stored: 3, duplicates: 1, suppressed: 0 }, 'first time');
  t.same(await store.ingest(g, batch), { stored: 1, duplicates: 3, suppressed: 0 }, 'replay: only the id-less one is new');
  t.same(
    await store.ingest(g, { interactions: [ix('c', 'a', { id: 'e3' }), ix('x', 'y', { id: 'e1' })], accounts: [] }),
    { stored: 1, duplicates: 1, suppressed: 0 },
    'mixed new and old ids',
  );
  const got = await store.getGraph(g);
  t.equal(got?.interactions, 5);

  // Same id in another graph is another interaction.
  const other = await newGraph(t, store, 'idem2');
  t.same(await store.ingest(other, { interactions: [ix('a', 'b', { id: 'e1' })], accounts: [] }), {
    stored: 1,
    duplicates: 0,
    suppressed: 0,
  });

  // What is stored.
  const res = await driver.executeQuery(
    `MATCH (s:Account {graphId: $g})-[r:INTERACTED {id: 'e1'}]->(t) RETURN s.id AS s, t.id AS t, r.key AS key, r.graphId AS graphId, r.type AS type, r.weight AS weight, r.ts AS ts`,
    { g },
    db,
  );
  t.equal(res.records.length, 1);
  t.same(res.records[0]?.toObject(), { s: 'a', t: 'b', key: `${g}/e1`, graphId: g, type: 'reply', weight: 1, ts: null });
});

t.test('interaction fields and account properties', async (t) => {
  const g = await newGraph(t, store, 'props');
  await store.ingest(g, {
    interactions: [ix('a', 'b', { id: 'x', type: 'mention', weight: -2.5, timestamp: 1_700_000_000_123 })],
    accounts: [
      { id: 'a', properties: { name: 'Ann', followers: 12, verified: true, id: 'hijack', graphId: 'hijack' } },
      { id: 'c', properties: { name: 'Cy' } },
    ],
  });
  // A later batch updates properties and keeps the rest.
  await store.ingest(g, { interactions: [], accounts: [{ id: 'a', properties: { followers: 13 } }] });
  const res = await driver.executeQuery(
    `MATCH (a:Account {graphId: $g}) RETURN a.id AS id, properties(a) AS props ORDER BY id`,
    { g },
    db,
  );
  const props = Object.fromEntries(res.records.map((r) => [r.get('id'), r.get('props')]));
  t.equal(props.a.id, 'a', 'id cannot be overwritten');
  t.equal(props.a.graphId, g, 'graphId cannot be overwritten');
  t.equal(props.a.name, 'Ann');
  t.equal(Number(props.a.followers), 13);
  t.equal(props.a.verified, true);
  t.same(props.b, { graphId: g, id: 'b' }, 'accounts named by interactions exist without properties');
  t.equal(props.c.name, 'Cy', 'accounts without interactions are stored');
  const r = await driver.executeQuery(
    `MATCH (:Account {graphId: $g})-[r:INTERACTED]->() RETURN r.type AS type, r.weight AS weight, r.ts AS ts`,
    { g },
    db,
  );
  const row = r.records[0]?.toObject();
  t.equal(row?.type, 'mention');
  t.equal(row?.weight, -2.5);
  t.equal(Number(row?.ts), 1_700_000_000_123, 'ts stored as epoch ms');
  t.equal(String(row?.ts?.constructor?.name), 'Integer', 'ts is a Cypher INTEGER');
});

t.test('a batch is atomic: a failure in a later chunk stores nothing', async (t) => {
  const { store: small } = await openStore(t, { chunkSize: 10 });
  const g = await newGraph(t, small, 'atomic');
  await small.ingest(g, { interactions: [ix('p', 'q', { id: 'before' })], accounts: [] });
  const interactions: InteractionInput[] = [];
  for (let i = 0; i < 35; i++) interactions.push(ix(`u${i}`, `v${i}`, { id: `k${i}` }));
  // Row 25 (third chunk): a map is not a valid property value, so the server fails the statement.
  interactions[25] = { ...interactions[25]!, type: { not: 'a primitive' } as unknown as string };
  await t.rejects(
    small.ingest(g, { interactions, accounts: [{ id: 'newcomer', properties: { name: 'N' } }] }),
    'the server refuses the batch',
  );
  const got = await small.getGraph(g);
  t.equal(got?.interactions, 1, 'no interaction of the failed batch');
  t.equal(got?.accounts, 2, 'no account of the failed batch');

  // Same with the failure in the last chunk of accounts, after every interaction chunk.
  interactions[25] = ix('u25', 'v25', { id: 'k25' });
  await t.rejects(
    small.ingest(g, {
      interactions,
      accounts: [{ id: 'bad', properties: { nested: { no: 1 } as unknown as string } }],
    }),
  );
  t.equal((await small.getGraph(g))?.interactions, 1, 'still nothing');
  t.same(await small.ingest(g, { interactions, accounts: [] }), { stored: 35, duplicates: 0, suppressed: 0 }, 'retry succeeds');
});

t.test('concurrent ingests of the same ids into one graph store each id once', async (t) => {
  const g = await newGraph(t, store, 'race');
  const batch = (from: number) => ({
    interactions: Array.from({ length: 3000 }, (_, i) => ix(`s${(from + i) % 97}`, `t${(from + i) % 89}`, { id: `r${from + i}` })),
    accounts: [],
  });
  const results = await Promise.all([store.ingest(g, batch(0)), store.ingest(g, batch(1000)), store.ingest(g, batch(2000))]);
  const stored = results.reduce((n, r) => n + (r?.stored ?? 0), 0);
  const duplicates = results.reduce((n, r) => n + (r?.duplicates ?? 0), 0);
  t.equal(stored, 5000, 'ids r0..r4999 once each');
  t.equal(duplicates, 9000 - 5000);
  t.equal((await store.getGraph(g))?.interactions, 5000);
});

t.test('50,000 interactions in one call', async (t) => {
  const g = await newGraph(t, store, 'big');
  const interactions: InteractionInput[] = [];
  const accounts = 5000;
  let seed = 7;
  const rnd = () => {
    seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
    return seed / 4294967296;
  };
  for (let i = 0; i < 50_000; i++) {
    const s = Math.floor(rnd() * accounts);
    let d = Math.floor(rnd() * accounts);
    if (d === s) d = (d + 1) % accounts;
    interactions.push(
      ix(`acc${s}`, `acc${d}`, {
        id: `ev${i}`,
        type: i % 3 === 0 ? 'mention' : 'reply',
        weight: 1 + (i % 5),
        timestamp: 1_600_000_000_000 + i * 1000,
      }),
    );
  }
  let started = Date.now();
  const first = await store.ingest(g, { interactions, accounts: [] });
  const firstMs = Date.now() - started;
  t.same(first, { stored: 50_000, duplicates: 0, suppressed: 0 });
  started = Date.now();
  const replay = await store.ingest(g, { interactions, accounts: [] });
  const replayMs = Date.now() - started;
  t.same(replay, { stored: 0, duplicates: 50_000, suppressed: 0 });
  started = Date.now();
  const projection = await store.project(g, { typeWeights: {}, from: null, to: null, minWeight: 0 });
  const projectMs = Date.now() - started;
  t.equal(projection?.table.count.reduce((n, c) => n + c, 0), 50_000);
  const got = await store.getGraph(g);
  t.equal(got?.interactions, 50_000);
  t.comment(`50k ingest ${firstMs} ms, replay ${replayMs} ms, projection ${projectMs} ms (${projection?.table.size} pairs)`);
  started = Date.now();
  t.equal(await store.deleteGraph(g), true);
  t.comment(`delete ${Date.now() - started} ms`);
});
