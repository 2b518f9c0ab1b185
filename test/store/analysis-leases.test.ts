/**
 * Status changes of an analysis are made by its holder only (owner + lease, src/store/port.ts
 * Lease), against the real Neo4j: a runner that lost its analysis (cancelled, reclaimed at
 * boot, taken over after its lease expired) can neither fail it nor turn it into succeeded,
 * and a booting process reclaims only expired leases.
 */
import t from 'tap';
import { LeaseLostError } from '../../src/store/port.js';
import { database, defaultParams, newGraph, openStore, queuedAnalysis, smallGraphInteractions, smallResult as objectResult, toColumnar, uid } from './helpers.js';

const smallResult = () => toColumnar(objectResult());

const { store, driver } = await openStore(t);
const now = () => new Date().toISOString();
const soon = () => Date.now() + 60_000;
const past = () => Date.now() - 1;
const claim = async (...args: Parameters<typeof store.claimAnalysis>) => (await store.claimAnalysis(...args)).claimed;

t.test('lifecycle: only the holder claims, fails or finishes', async (t) => {
  const g = await newGraph(t, store, 'life');
  const a = queuedAnalysis(g);
  a.params = { ...defaultParams, typeWeights: { like: 0.5 }, from: 1, to: 2, minWeight: 0.5, topK: 7 };
  t.ok(await store.createAnalysis(a, { owner: 'proc-a', until: soon() }));
  t.same(await store.getAnalysis(a.id), a, 'round trip, params included');
  t.equal(await store.getAnalysis(uid('nope')), null);

  t.notOk(await claim(a.id, { owner: 'proc-b', until: soon() }, 'queue', now()), 'another runner cannot take a live queued analysis');
  t.ok((await claim(a.id, { owner: 'proc-a', until: soon() }, 'proc-a', '2024-01-01T00:00:01.000Z')));
  let got = await store.getAnalysis(a.id);
  t.equal(got?.status, 'running');
  t.equal(got?.startedAt, '2024-01-01T00:00:01.000Z');
  t.notOk(await claim(a.id, { owner: 'proc-b', until: soon() }, 'proc-a', now()), 'nor a live running one');

  t.notOk(await store.markFailed(a.id, 'not mine', now(), 'proc-b'), 'a non-holder cannot fail it');
  t.ok(await store.markFailed(a.id, 'boom', '2024-01-01T00:00:02.000Z', 'proc-a'));
  got = await store.getAnalysis(a.id);
  t.match(got, { status: 'failed', error: 'boom', finishedAt: '2024-01-01T00:00:02.000Z', summary: null });
  t.notOk(await claim(a.id, { owner: 'proc-a', until: soon() }, 'proc-a', now()), 'a failed analysis does not run again');
  t.equal((await store.getAnalysis(a.id))?.status, 'failed');

  t.equal(await store.createAnalysis(queuedAnalysis(uid('nope')), { owner: 'proc-a', until: null }), false, 'unknown graph');
  t.notOk(await claim(uid('nope'), { owner: 'proc-a', until: soon() }, 'proc-a', now()));
  t.notOk(await store.markFailed(uid('nope'), 'x', 'y', 'proc-a'));
});

t.test('unfinishedAnalyses: one lookup names the queued and running ones among those asked', async (t) => {
  const g = await newGraph(t, store, 'unfinished');
  const [queued, running, failed] = [queuedAnalysis(g), queuedAnalysis(g), queuedAnalysis(g)];
  for (const a of [queued, running, failed]) t.ok(await store.createAnalysis(a, { owner: 'proc-a', until: soon() }));
  t.ok(await claim(running.id, { owner: 'proc-a', until: soon() }, 'proc-a', now()));
  t.ok(await claim(failed.id, { owner: 'proc-a', until: soon() }, 'proc-a', now()));
  t.ok(await store.markFailed(failed.id, 'boom', now(), 'proc-a'));
  const unknown = uid('nope');
  t.same([...(await store.unfinishedAnalyses([queued.id, running.id, failed.id, unknown]))].sort(), [queued.id, running.id].sort());
  t.same([...(await store.unfinishedAnalyses([]))], []);
});

t.test('a runner whose lease expired is taken over and can write nothing', async (t) => {
  const g = await newGraph(t, store, 'takeover');
  await store.ingest(g, { interactions: smallGraphInteractions(), accounts: [] });
  const a = queuedAnalysis(g);
  await store.createAnalysis(a, { owner: 'queue', until: null });
  t.ok((await claim(a.id, { owner: 'w1', until: past() }, 'queue', now())), 'w1 runs it (and stops renewing)');
  t.ok((await claim(a.id, { owner: 'w2', until: soon() }, 'queue', now())), 'w2 takes it over');
  t.same(await store.renewLeases([a.id], 'w1', soon()), [], 'w1 learns it lost the analysis');
  t.same(await store.renewLeases([a.id], 'w2', soon()), [a.id]);
  await t.rejects(store.writeResult(a.id, smallResult(), now(), 'w1'), LeaseLostError, "w1's late result is refused");
  await store.recordTimings(a.id, { total: 1 }, 'w1');
  t.equal((await store.getAnalysis(a.id))?.timings, undefined, "w1's timings are not stored either");
  const niches = await driver.executeQuery('MATCH (n:Niche {analysisId: $id}) RETURN count(n) AS n', { id: a.id }, { database });
  t.equal(Number(niches.records[0]?.get('n')), 0, 'nothing of it was written');
  await store.writeResult(a.id, smallResult(), now(), 'w2');
  t.equal((await store.getAnalysis(a.id))?.status, 'succeeded');
  await store.writeResult(a.id, smallResult(), now(), 'w2');
  t.equal((await store.getAnalysis(a.id))?.status, 'succeeded', 'the holder may write again (a retried commit), replacing its result');
  t.notOk(await store.markFailed(a.id, 'late', now(), 'w1'));
  t.equal((await store.getAnalysis(a.id))?.status, 'succeeded');
});

t.test('a late runner never turns a failed analysis back into succeeded', async (t) => {
  const g = await newGraph(t, store, 'late');
  await store.ingest(g, { interactions: smallGraphInteractions(), accounts: [] });
  const cancelled = queuedAnalysis(g);
  await store.createAnalysis(cancelled, { owner: 'w1', until: soon() });
  await claim(cancelled.id, { owner: 'w1', until: past() }, 'w1', now());
  t.ok(await store.failUnheld(cancelled.id, 'cancelled', now(), Date.now()), 'its lease expired: it may be failed by anyone');
  await t.rejects(store.writeResult(cancelled.id, smallResult(), now(), 'w1'), LeaseLostError);
  t.match(await store.getAnalysis(cancelled.id), { status: 'failed', error: 'cancelled', summary: null });
});

t.test('failUnheld leaves a live holder alone unless told the holder lost it', async (t) => {
  const g = await newGraph(t, store, 'unheld');
  const a = queuedAnalysis(g);
  await store.createAnalysis(a, { owner: 'queue:x', until: null });
  t.notOk(await store.failUnheld(a.id, 'x', now(), Date.now()), 'a queue holds it (no expiry)');
  t.notOk(await store.failUnheld(a.id, 'x', now(), Date.now(), 'queue:y'), 'another holder named');
  t.ok(await store.failUnheld(a.id, 'lost from the queue', now(), Date.now(), 'queue:x'));
  t.match(await store.getAnalysis(a.id), { status: 'failed', error: 'lost from the queue' });
});

t.test('reclaimExpired fails only analyses nobody holds', async (t) => {
  const g = await newGraph(t, store, 'reclaim');
  await store.ingest(g, { interactions: smallGraphInteractions(), accounts: [] });
  const live = queuedAnalysis(g);
  const liveRunning = queuedAnalysis(g);
  const inQueue = queuedAnalysis(g);
  const expired = queuedAnalysis(g);
  const expiredQueued = queuedAnalysis(g);
  const legacy = queuedAnalysis(g);
  const done = queuedAnalysis(g);
  await store.createAnalysis(live, { owner: 'alive', until: soon() });
  await store.createAnalysis(liveRunning, { owner: 'alive', until: soon() });
  await claim(liveRunning.id, { owner: 'alive', until: soon() }, 'alive', now());
  await store.createAnalysis(inQueue, { owner: 'queue', until: null });
  await store.createAnalysis(expired, { owner: 'dead', until: soon() });
  await claim(expired.id, { owner: 'dead', until: past() }, 'dead', now());
  await store.createAnalysis(expiredQueued, { owner: 'dead', until: past() });
  await store.createAnalysis(legacy, { owner: 'x', until: null });
  await driver.executeQuery('MATCH (a:Analysis {id: $id}) REMOVE a.owner', { id: legacy.id }, { database });
  await store.createAnalysis(done, { owner: 'alive', until: soon() });
  await claim(done.id, { owner: 'alive', until: soon() }, 'alive', now());
  await store.writeResult(done.id, smallResult(), now(), 'alive');

  const n = await store.reclaimExpired('restarted', '2024-01-01T00:00:00.000Z', Date.now());
  t.ok(n >= 3, `at least our three (${n})`);
  for (const a of [expired, expiredQueued, legacy]) t.match(await store.getAnalysis(a.id), { status: 'failed', error: 'restarted' });
  t.equal((await store.getAnalysis(live.id))?.status, 'queued', "a live process's queued analysis is left alone");
  t.equal((await store.getAnalysis(liveRunning.id))?.status, 'running', "a live process's running analysis is left alone");
  t.equal((await store.getAnalysis(inQueue.id))?.status, 'queued', 'a shared queue holds its analyses');
  t.match(await store.getAnalysis(done.id), { status: 'succeeded', error: null });
  const candidates = await store.reapCandidates('queue', new Date(Date.now() + 1000).toISOString(), Date.now(), 100_000);
  t.ok(candidates.includes(inQueue.id), 'a reap candidate: waiting in the queue for longer than asked');
  t.notOk(candidates.includes(live.id), 'not one a live process holds');
});
