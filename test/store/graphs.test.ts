import t from 'tap';
import { newGraph, openStore, ix, uid } from './helpers.js';

const { store } = await openStore(t);

t.test('createGraph, getGraph, listGraphs, deleteGraph', async (t) => {
  const id = uid('graphs');
  const created = await store.createGraph({ id, name: 'First', description: 'about it' });
  t.ok(created, 'created');
  t.equal(created?.id, id);
  t.equal(created?.name, 'First');
  t.equal(created?.description, 'about it');
  t.ok(created && !Number.isNaN(Date.parse(created.createdAt)), 'createdAt is an ISO date');

  t.equal(await store.createGraph({ id, name: 'again', description: null }), null, 'a taken id answers null (409)');

  const got = await store.getGraph(id);
  t.same(got, { ...created, accounts: 0, interactions: 0, version: 0 }, 'empty graph has zero counts and version 0');

  const result = await store.ingest(id, {
    interactions: [ix('a', 'b'), ix('b', 'a'), ix('a', 'c')],
    accounts: [{ id: 'z', properties: { name: 'Zed' } }],
  });
  t.same(result, { stored: 3, duplicates: 0, suppressed: 0 });
  const counted = await store.getGraph(id);
  t.equal(counted?.accounts, 4, 'a, b, c and the isolated z');
  t.equal(counted?.interactions, 3);

  t.equal(await store.deleteGraph(id), true);
  t.equal(await store.getGraph(id), null, 'gone');
  t.equal(await store.deleteGraph(id), false, 'deleting twice answers false (404)');
  t.ok(await store.createGraph({ id, name: 'reborn', description: null }), 'the id is free again');
  t.same((await store.getGraph(id))?.accounts, 0, 'nothing left over from the first life');
  await store.deleteGraph(id);
});

t.test('unknown graph', async (t) => {
  t.equal(await store.getGraph(uid('nope')), null);
  t.equal(await store.deleteGraph(uid('nope')), false);
});

t.test('listGraphs orders by createdAt then id and pages', async (t) => {
  const ids: string[] = [];
  for (let i = 0; i < 3; i++) {
    ids.push(await newGraph(t, store, `list${i}`));
    await new Promise((r) => setTimeout(r, 5)); // distinct createdAt
  }
  // Other tests may create graphs meanwhile: look at ours inside the whole list.
  const all = await store.listGraphs({ limit: 100_000, offset: 0 });
  t.ok(all.total >= 3);
  t.equal(all.items.length, all.total);
  const mine = all.items.filter((g) => ids.includes(g.id)).map((g) => g.id);
  t.same(mine, ids, 'creation order');
  const ordered = all.items.every((b, i) => {
    const a = all.items[i - 1];
    return !a || a.createdAt < b.createdAt || (a.createdAt === b.createdAt && a.id < b.id);
  });
  t.ok(ordered, 'the whole list is ordered by (createdAt, id)');
  const pos = all.items.findIndex((g) => g.id === ids[0]);
  const page = await store.listGraphs({ limit: 2, offset: pos });
  t.equal(page.items.length, 2);
  t.equal(page.items[0]?.id, ids[0], 'offset');
  const empty = await store.listGraphs({ limit: 10, offset: all.total + 1000 });
  t.same(empty.items, []);
  t.ok(empty.total >= 3, 'total does not depend on the page');
});

t.test('ping', async (t) => {
  await t.resolves(store.ping());
});

t.test('init is idempotent, also when several start together', async (t) => {
  await t.resolves(Promise.all([store.init(), store.init(), store.init()]));
});
