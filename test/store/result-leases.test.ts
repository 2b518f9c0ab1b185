/**
 * The staged result write (issue 10 item 4) under leases (issue 13), against the real Neo4j:
 * a boot sweep never removes what a live lease holder is writing; a writer that lost its
 * lease stages nothing more and never removes what the next holder stages; a row that a
 * writer which lost its lease overwrote fails the holder's write instead of slipping into
 * its result; rows of a runner nobody holds any more go when it is failed; the timings are
 * stored with the status.
 *
 * Deterministic, not timed: the test holds, in an open transaction of its own, the key of
 * the catalogue block the writer will create last (an uncommitted node under the unique
 * constraint; one block a transaction), so the writer commits its other blocks and then waits
 * in that transaction while the test acts.
 */
import t from 'tap';
import neo4j from 'neo4j-driver';
import { LeaseLostError } from '../../src/store/port.js';
import { database, newGraph, openStore, queuedAnalysis, smallGraphInteractions, smallResult, toColumnar, uid } from './helpers.js';

const { store, driver } = await openStore(t, { blockBytesPerTransaction: 1 });
const now = () => new Date().toISOString();
const count = async (query: string, params: Record<string, unknown>) => Number((await driver.executeQuery(query, params, { database })).records[0]?.get(0));
const blocks = (analysisId: string) => count('MATCH (b:ResultBlock {analysisId: $analysisId}) RETURN count(b)', { analysisId });
const niches = (analysisId: string) => count('MATCH (n:Niche {analysisId: $analysisId}) RETURN count(n)', { analysisId });

/** A graph with the accounts of smallResult and an analysis claimed (running) by `owner` under a lease until `until`. */
async function running(tt: Parameters<typeof newGraph>[0], owner: string, until: number): Promise<string> {
  const g = await newGraph(tt, store, 'lease-write');
  await store.ingest(g, { interactions: smallGraphInteractions(), accounts: [] });
  const a = queuedAnalysis(g);
  await store.createAnalysis(a, { owner, until });
  const claimed = await store.claimAnalysis(a.id, { owner, until }, owner, now());
  if (!claimed.claimed) throw new Error('not claimed');
  return a.id;
}

/**
 * Holds the catalogue block of the analysis (uncommitted); release() rolls it back. The last
 * block written, in a transaction that locks nothing else (not the Analysis node, which a
 * claim needs).
 */
async function holdCatalogue(analysisId: string) {
  const session = driver.session({ database, defaultAccessMode: neo4j.session.WRITE });
  const tx = await session.beginTransaction();
  await tx.run("CREATE (:ResultBlock {analysisId: $analysisId, kind: 'catalogue', seq: 0})", { analysisId });
  return {
    release: async () => {
      await tx.rollback();
      await session.close();
    },
  };
}

/** Waits (bounded) until the writer has committed blocks: it is then waiting in its catalogue block's transaction. */
async function blocksCommitted(analysisId: string): Promise<number> {
  let n = 0;
  for (let i = 0; i < 600 && n === 0; i++) {
    n = await blocks(analysisId);
    if (n === 0) await new Promise((r) => setTimeout(r, 50));
  }
  return n;
}

t.test("a boot sweep leaves a live holder's write alone and removes a dead runner's rows", async (t) => {
  const owner = uid('alive');
  const live = await running(t, owner, Date.now() + 3_600_000);
  const dead = await running(t, uid('dead'), Date.now() - 1);
  // What a runner killed mid-write left: a staged block and niche.
  await driver.executeQuery(
    'MATCH (a:Analysis {id: $id}) CREATE (:ResultBlock {analysisId: $id, kind: "members", seq: 0, writer: a.owner}) CREATE (:Niche {analysisId: $id, id: "n0", writer: a.owner})-[:OF_ANALYSIS]->(a)',
    { id: dead },
    { database },
  );

  const lock = await holdCatalogue(live);
  const writing = store.writeResult(live, toColumnar(smallResult()), now(), owner);
  writing.catch(() => {});
  t.ok((await blocksCommitted(live)) > 0, 'the live writer committed its blocks and waits');

  // Another process boots meanwhile.
  await store.reclaimExpired('interrupted: its runner stopped before the analysis finished', now(), Date.now());
  t.ok((await blocks(live)) > 0, "the live holder's staged blocks are still there");
  t.match(await store.getAnalysis(dead), { status: 'failed', error: /^interrupted/ }, 'the expired lease is reclaimed');
  t.equal(await blocks(dead), 0, "the dead runner's blocks are swept");
  t.equal(await niches(dead), 0, "and its niches");

  await lock.release();
  await writing;
  t.match(await store.getAnalysis(live), { status: 'succeeded', summary: { niches: 2 } }, 'the live write ends succeeded');
  t.equal((await store.listNiches(live, { limit: 10, offset: 0 })).total, 2, 'with its whole result');
});

t.test('a writer that lost its lease stages nothing more, removes nothing, and the next holder writes', async (t) => {
  const w1 = uid('w1');
  const w2 = uid('w2');
  const id = await running(t, w1, Date.now() - 1);
  const lock = await holdCatalogue(id);
  const late = store.writeResult(id, toColumnar(smallResult()), now(), w1);
  late.catch(() => {});
  t.ok((await blocksCommitted(id)) > 0, 'w1 committed its blocks and waits');
  // w1's lease has run out: w2 takes the analysis over.
  t.ok((await store.claimAnalysis(id, { owner: w2, until: Date.now() + 3_600_000 }, 'nobody', now())).claimed, 'w2 takes it over');
  await lock.release();
  await t.rejects(late, LeaseLostError, "w1's write stops at its next transaction");
  t.ok((await blocks(id)) > 0, "w1's failure removed nothing: what is staged is the next holder's to replace");
  t.equal((await store.getAnalysis(id))?.status, 'running', 'w1 did not change the status');

  await store.writeResult(id, toColumnar(smallResult()), now(), w2);
  t.match(await store.getAnalysis(id), { status: 'succeeded' });
  t.equal(await count('MATCH (b:ResultBlock {analysisId: $id}) WHERE b.writer <> $w2 RETURN count(b)', { id, w2 }), 0, 'every block is the holder’s');
  t.equal(await count("MATCH (n:Niche {analysisId: $id}) WHERE NOT n.writer STARTS WITH $w2 + '/' RETURN count(n)", { id, w2 }), 0, "every niche of the Browser view is w2's materialization's");
  await t.rejects(store.writeResult(id, toColumnar(smallResult()), now(), w1), LeaseLostError, 'a late write after the success is refused too');
  t.equal((await store.listNiches(id, { limit: 10, offset: 0 })).total, 2, 'and leaves the result as it was');
});

t.test("a row a writer that lost its lease overwrote fails the holder's write", async (t) => {
  const owner = uid('holder');
  const id = await running(t, owner, Date.now() + 3_600_000);
  const lock = await holdCatalogue(id);
  const writing = store.writeResult(id, toColumnar(smallResult()), now(), owner);
  writing.catch(() => {});
  t.ok((await blocksCommitted(id)) > 0);
  // What a transaction of the previous holder, still in flight when the lease changed hands,
  // leaves when it commits now: the same block key, written by it.
  await driver.executeQuery('MATCH (b:ResultBlock {analysisId: $id}) WITH b LIMIT 1 SET b.writer = $other', { id, other: uid('previous') }, { database });
  await lock.release();
  await t.rejects(writing, /went missing or were overwritten/, 'the holder does not succeed with a row it did not write');
  t.match(await store.getAnalysis(id), { status: 'running', summary: null });
  t.equal(await blocks(id), 0, 'it discarded what it staged');
  t.equal(await niches(id), 0);
});

t.test('failing an analysis removes its staged rows; only its holder fails it', async (t) => {
  const owner = uid('holder');
  const id = await running(t, owner, Date.now() + 3_600_000);
  await driver.executeQuery('CREATE (:ResultBlock {analysisId: $id, kind: "members", seq: 0, writer: $owner})', { id, owner }, { database });
  t.notOk(await store.markFailed(id, 'not mine', now(), uid('other')), 'a non-holder cannot fail it');
  t.equal(await blocks(id), 1, 'nor remove what its holder staged');
  t.ok(await store.markFailed(id, 'cancelled', now(), owner));
  t.equal(await blocks(id), 0, 'the holder failed it: its staged rows went with it');

  const lost = await running(t, uid('dead'), Date.now() - 1);
  await driver.executeQuery('CREATE (:ResultBlock {analysisId: $id, kind: "members", seq: 0})', { id: lost }, { database });
  t.ok(await store.failUnheld(lost, 'lost', now(), Date.now()), 'nobody holds it (lease expired)');
  t.equal(await blocks(lost), 0, 'its staged rows went with it');
});

t.test('the timings are stored in the transaction that marks the analysis succeeded', async (t) => {
  const owner = uid('holder');
  const id = await running(t, owner, Date.now() + 3_600_000);
  let asked = 0;
  await store.writeResult(id, toColumnar(smallResult()), now(), owner, {
    timings: () => {
      asked++;
      return { queued: 1, projection: 2, persistence: 3, total: 9 };
    },
  });
  t.equal(asked, 1, 'asked once, just before the last transaction');
  t.match(await store.getAnalysis(id), { status: 'succeeded', timings: { queued: 1, projection: 2, persistence: 3, total: 9 } });
});

/**
 * The guard of the last transaction itself (cypher/result-begin.cypher), run as writeResult
 * runs it: the writer's rows are fully staged (every staging transaction passed its lease
 * check), then the analysis changes hands before the status statement runs. The staging
 * checks cannot catch that; only the statement's own guard can.
 */
t.test('the status statement succeeds an analysis only for its running holder, whatever is staged', async (t) => {
  const { readFileSync } = await import('node:fs');
  const resultBegin = readFileSync(new URL('../../cypher/result-begin.cypher', import.meta.url), 'utf8');
  const summary = {
    accounts: neo4j.int(2), edges: neo4j.int(1), niches: neo4j.int(1), communities: neo4j.int(1), modularity: 0.1, nicheModularity: 0.1,
    resolution: 1, runs: neo4j.int(1), consensusRounds: neo4j.int(1), louvainDisconnected: neo4j.int(0), unassigned: neo4j.int(0), meanConfidence: 1,
  };
  /** A complete staging by `writer`: one block, one niche, one community. */
  const stage = (id: string, writer: string) =>
    driver.executeQuery(
      `MATCH (a:Analysis {id: $id})
       CREATE (:ResultBlock {analysisId: $id, kind: 'members', seq: 0, writer: $writer})
       CREATE (:Niche {analysisId: $id, id: 'n0', writer: $writer})-[:OF_ANALYSIS]->(a)
       CREATE (:Community {analysisId: $id, id: 'c0', writer: $writer})`,
      { id, writer },
      { database },
    );
  const begin = async (id: string, owner: string) => {
    const { records } = await driver.executeQuery(
      resultBegin,
      { analysisId: id, owner, finishedAt: now(), timings: null, blocks: neo4j.int(1), nicheRows: neo4j.int(1), communityRows: neo4j.int(1), baselineAnalysisId: null, lineage: null, ...summary },
      { database },
    );
    return records[0]?.get('status') as string;
  };

  const w1 = uid('w1');
  const holder = await running(t, w1, Date.now() + 3_600_000);
  await stage(holder, w1);
  t.equal(await begin(holder, uid('other')), 'lost', 'not for a writer that does not hold it');
  t.equal((await store.getAnalysis(holder))?.status, 'running');
  t.equal(await begin(holder, w1), 'succeeded', 'for its holder, with everything staged');
  t.equal((await store.getAnalysis(holder))?.status, 'succeeded');

  // Taken over: w1's lease ran out after it staged everything, w2 claimed it.
  const takenOver = await running(t, w1, Date.now() - 1);
  await stage(takenOver, w1);
  const w2 = uid('w2');
  t.ok((await store.claimAnalysis(takenOver, { owner: w2, until: Date.now() + 3_600_000 }, 'nobody', now())).claimed);
  t.equal(await begin(takenOver, w1), 'lost', 'the previous holder cannot succeed it');
  t.match(await store.getAnalysis(takenOver), { status: 'running', summary: null }, 'it stays running, for w2');

  // Reclaimed at boot (lease expired) before the sweep removed its rows: it stays failed.
  const reclaimed = await running(t, w1, Date.now() - 1);
  await driver.executeQuery('MATCH (a:Analysis {id: $id}) SET a.status = "failed", a.error = "interrupted", a.leaseUntil = null', { id: reclaimed }, { database });
  await stage(reclaimed, w1);
  t.equal(await begin(reclaimed, w1), 'lost', 'a late runner never turns a failed analysis back into succeeded');
  t.match(await store.getAnalysis(reclaimed), { status: 'failed', error: 'interrupted', summary: null });
});
