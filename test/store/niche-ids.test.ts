/**
 * Niche ids never reused in a graph (issue 12 item 3; src/store/niche-ids.ts) on the real
 * server: concurrent reservations get disjoint ranges, a graph whose niches predate the
 * counter starts above their ids, an unknown graph reserves nothing.
 */
import t from 'tap';
import { database, newGraph, openStore, uid } from './helpers.js';

const { store, driver } = await openStore(t);

t.test('concurrent reservations of one graph get disjoint, gap-free ranges', async (t) => {
  const g = await newGraph(t, store, 'ids');
  const firsts = await Promise.all(Array.from({ length: 8 }, () => store.allocateNicheIds(g, 5)));
  const taken = firsts.flatMap((k) => Array.from({ length: 5 }, (_, i) => (k as number) + i)).sort((a, b) => a - b);
  t.same(taken, Array.from({ length: 40 }, (_, i) => i), 'every id once: 0..39');
  t.equal(await store.allocateNicheIds(g, 0), 40, 'a reservation of none moves nothing');
  t.equal(await store.allocateNicheIds(g, 1), 40);
  await t.rejects(store.allocateNicheIds(g, -1), /count must be an integer >= 0/);
});

t.test('a graph analysed before the counter existed starts above its niche ids; unknown graph: null', async (t) => {
  const g = await newGraph(t, store, 'ids-old');
  await driver.executeQuery(
    "UNWIND ['n0', 'n7', 'unassigned', 'n12x'] AS id CREATE (:Niche {graphId: $g, analysisId: $a, id: id})",
    { g, a: uid('old') },
    { database },
  );
  t.teardown(() => driver.executeQuery('MATCH (n:Niche {graphId: $g}) DETACH DELETE n', { g }, { database }).then(() => {}));
  t.equal(await store.allocateNicheIds(g, 2), 8, 'above n7 ("unassigned" and ids not of the form n<k> are ignored)');
  t.equal(await store.allocateNicheIds(g, 1), 10, 'then the counter');
  t.equal(await store.allocateNicheIds(uid('nope'), 3), null);
});
