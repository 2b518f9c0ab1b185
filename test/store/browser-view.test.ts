/**
 * The Browser view (src/store/browser-view.ts) against the real Neo4j: materialized after the
 * analysis succeeded, shown by explore.cypher only once complete (the analysis'
 * `browserView` flag); a materialization that died mid-write is completed later by another
 * process from the stored result, exactly once; a graph deleted while its analysis' view is
 * being written leaves no node of it behind; a result changed under a materialization (its
 * revision raised) is materialized again from the new one.
 *
 * Deterministic, not timed: the test holds, in an open transaction of its own, the key of a
 * niche the materialization will create (an uncommitted node under the unique constraint),
 * so it has committed its (:Community) nodes and waits in its niches transaction while the
 * test acts.
 */
import t from 'tap';
import neo4j from 'neo4j-driver';
import { CypherFiles } from '../../src/store/cypher-files.js';
import { createRunning, database, newGraph, openStore, queuedAnalysis, smallGraphInteractions, smallResult, TEST_OWNER, toColumnar } from './helpers.js';

const { store, driver } = await openStore(t);
const db = { database };
const explore = new CypherFiles().statements('explore');
const count = async (query: string, params: Record<string, unknown>) => Number((await driver.executeQuery(query, params, db)).records[0]?.get(0));
const nodes = (analysisId: string) =>
  count('CALL () { MATCH (n:Niche {analysisId: $id}) RETURN n AS x UNION ALL MATCH (c:Community {analysisId: $id}) RETURN c AS x } RETURN count(x)', { id: analysisId });
const memberships = (analysisId: string) => count('MATCH ()-[m:IN_NICHE {analysisId: $id}]->() RETURN count(m)', { id: analysisId });

/** Holds niche `id` of the analysis (uncommitted); release() rolls it back. */
async function holdNiche(analysisId: string, id = 'n0') {
  const session = driver.session({ database, defaultAccessMode: neo4j.session.WRITE });
  const tx = await session.beginTransaction();
  await tx.run('CREATE (:Niche {analysisId: $analysisId, id: $id})', { analysisId, id });
  return {
    release: async () => {
      await tx.rollback();
      await session.close();
    },
  };
}

/** Waits (bounded) until the analysis says succeeded with its view pending and the materialization committed its communities. */
async function materializing(analysisId: string): Promise<boolean> {
  for (let i = 0; i < 600; i++) {
    const a = await store.getAnalysis(analysisId);
    if (a?.status === 'succeeded' && a.browserView === 'pending' && (await count('MATCH (c:Community {analysisId: $id}) RETURN count(c)', { id: analysisId })) > 0) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return false;
}

/** The rows each explore.cypher query returns for the analysis (query 2: the account c of its graph; query 6: niche n0). */
async function exploreRows(graphId: string, analysisId: string): Promise<number[]> {
  const params = [
    { analysisId },
    { account: { graphId, id: 'c' } },
    { analysisId },
    { analysisId },
    { analysisId },
    { niche: { analysisId, id: 'n0' } },
  ];
  const rows: number[] = [];
  for (const [k, q] of explore.entries()) {
    const res = await driver.executeQuery(q, params[k], db);
    // Query 2 answers the account's contacts whatever the analysis: count those that name a niche.
    rows.push(k === 1 ? res.records.filter((r) => r.get('niche') !== null).length : res.records.length);
  }
  return rows;
}

t.test('explore.cypher shows nothing of a view being written, everything once it is written', async (t) => {
  const g = await newGraph(t, store, 'view-gate');
  await store.ingest(g, { interactions: smallGraphInteractions(), accounts: [] });
  const a = queuedAnalysis(g);
  await createRunning(store, a);
  const lock = await holdNiche(a.id);
  let succeededAt = -1;
  let calls = 0;
  const writing = store.writeResult(a.id, toColumnar(smallResult()), new Date().toISOString(), TEST_OWNER, { onSucceeded: () => (succeededAt = calls++) });
  writing.catch(() => {});
  t.ok(await materializing(a.id), 'succeeded, its view pending, communities staged');
  t.equal(succeededAt, 0, 'told once the analysis succeeded');
  t.equal((await store.listNiches(a.id, { limit: 10, offset: 0 })).total, 2, 'the results routes read the stored result meanwhile');
  t.ok((await nodes(a.id)) > 0, 'part of the view is there');
  t.same(await exploreRows(g, a.id), [0, 0, 0, 0, 0, 0], 'and no query shows any of it');

  await lock.release();
  t.same(await writing, { browserView: 'written' });
  t.match(await store.getAnalysis(a.id), { status: 'succeeded', browserView: 'written' });
  const shown = await exploreRows(g, a.id);
  t.ok(shown.every((n) => n > 0), `every query shows it: ${shown.join(', ')}`);

  // An analysis stored before the flag existed (no browserView): shown, and said written.
  await driver.executeQuery('MATCH (x:Analysis {id: $id}) REMOVE x.browserView', { id: a.id }, db);
  t.same(await exploreRows(g, a.id), shown);
  t.match(await store.getAnalysis(a.id), { browserView: 'written' });
});

t.test('a materialization that died mid-write is completed later by another process, exactly once', async (t) => {
  const g = await newGraph(t, store, 'view-dead');
  await store.ingest(g, { interactions: smallGraphInteractions(), accounts: [] });
  const a = queuedAnalysis(g);
  await createRunning(store, a);
  await store.writeResult(a.id, toColumnar(smallResult()), new Date().toISOString(), TEST_OWNER);
  const complete = { nodes: await nodes(a.id), memberships: await memberships(a.id) };
  // What a process killed half-way left: its claim (lease run out), one niche of two, an
  // IN_NICHE of it, and a node it wrote after another's claim would have begun.
  await driver.executeQuery(
    `MATCH (x:Analysis {id: $id})
     SET x.browserView = 'pending', x.browserOwner = 'dead-process/1', x.browserLeaseUntil = $past
     WITH x
     MATCH (n:Niche {analysisId: $id, id: 'n1'})
     DETACH DELETE n`,
    { id: a.id, past: neo4j.int(Date.now() - 1) },
    db,
  );
  t.ok((await store.browserViewsToWrite(Date.now())).includes(a.id), 'found: no live materialization holds it');
  t.same(await exploreRows(g, a.id), [0, 0, 0, 0, 0, 0], 'nothing of it shown');
  // A live holder's view is left alone.
  await driver.executeQuery('MATCH (x:Analysis {id: $id}) SET x.browserLeaseUntil = $future', { id: a.id, future: neo4j.int(Date.now() + 3_600_000) }, db);
  t.notOk((await store.browserViewsToWrite(Date.now())).includes(a.id));
  t.equal(await store.materializeBrowserView(a.id, 'another-process'), 'held', 'not while another holds it');
  await driver.executeQuery('MATCH (x:Analysis {id: $id}) SET x.browserLeaseUntil = $past', { id: a.id, past: neo4j.int(Date.now() - 1) }, db);

  t.equal(await store.materializeBrowserView(a.id, 'another-process'), 'written');
  t.same({ nodes: await nodes(a.id), memberships: await memberships(a.id) }, complete, 'the whole view, nothing twice');
  t.equal(await count("MATCH (n:Niche {analysisId: $id}) WHERE NOT n.writer STARTS WITH 'another-process/' RETURN count(n)", { id: a.id }), 0, "none of the dead process's nodes is left");
  t.ok((await exploreRows(g, a.id)).every((n) => n > 0), 'shown');
  t.equal(await store.materializeBrowserView(a.id, 'another-process'), 'held', 'written: not again');
});

t.test('a graph deleted while its analysis view is being written leaves none of it', async (t) => {
  const g = await newGraph(t, store, 'view-delete');
  await store.ingest(g, { interactions: smallGraphInteractions(), accounts: [] });
  const a = queuedAnalysis(g);
  await createRunning(store, a);
  const lock = await holdNiche(a.id);
  const writing = store.writeResult(a.id, toColumnar(smallResult()), new Date().toISOString(), TEST_OWNER);
  writing.catch(() => {});
  t.ok(await materializing(a.id));
  const deleting = store.deleteGraph(g);
  await lock.release();
  t.ok(await deleting, 'deleted');
  t.match(await writing, { browserView: /^(failed|held)$/ }, 'the materialization gave up');
  t.equal(await nodes(a.id), 0, 'no niche or community node of it is left');
  t.equal(await count('MATCH (b:ResultBlock {analysisId: $id}) RETURN count(b)', { id: a.id }), 0, 'nor a block');
  t.equal(await store.getAnalysis(a.id), null);
});

t.test('a result changed under a materialization (a redaction raises its revision) is materialized again from the new one', async (t) => {
  const g = await newGraph(t, store, 'view-revision');
  await store.ingest(g, { interactions: smallGraphInteractions(), accounts: [] });
  const a = queuedAnalysis(g);
  await createRunning(store, a);
  // Held on account a (its IN_NICHE waits; the niche and community transactions, which lock
  // the Analysis node, have committed by then), so the test can change the Analysis meanwhile.
  const session = driver.session({ database, defaultAccessMode: neo4j.session.WRITE });
  const tx = await session.beginTransaction();
  await tx.run('MATCH (x:Account {graphId: $g, id: $id}) SET x.heldByTest = true', { g, id: 'a' });
  const lock = {
    release: async () => {
      await tx.rollback();
      await session.close();
    },
  };
  const writing = store.writeResult(a.id, toColumnar(smallResult()), new Date().toISOString(), TEST_OWNER);
  writing.catch(() => {});
  let niches = 0;
  for (let i = 0; i < 600 && niches < 2; i++) {
    niches = await count('MATCH (n:Niche {analysisId: $id}) RETURN count(n)', { id: a.id });
    if (niches < 2) await new Promise((r) => setTimeout(r, 50));
  }
  t.equal(niches, 2, 'its niches are staged, its memberships wait');
  await driver.executeQuery('MATCH (x:Analysis {id: $id}) SET x.resultRevision = coalesce(x.resultRevision, 0) + 1', { id: a.id }, db);
  await lock.release();
  t.same(await writing, { browserView: 'written' }, 'written, by a second claim');
  t.equal(await count("MATCH (n:Niche {analysisId: $id}) RETURN count(DISTINCT n.writer)", { id: a.id }), 1, 'every niche from one materialization');
  t.equal(await count('MATCH (n:Niche {analysisId: $id}) RETURN count(n)', { id: a.id }), 2, 'each once');
  t.equal(await memberships(a.id), 5, 'every membership once');
});
