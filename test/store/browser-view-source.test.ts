/**
 * The Browser view written from the result in memory (the worker's first materialization,
 * src/store/browser-view-source.ts) is the one written from the stored compact form: every
 * (:Niche) and (:Community) node, IN_COMMUNITY and IN_NICHE relationship and all their
 * properties (but `writer`, the materialization's token), with writeBack 'compact' and
 * 'full'. The first materialization is checked to have taken the memory path (its phase
 * log), the second (the view removed and marked failed, as a failed one is) the stored form.
 */
import t from 'tap';
import { Writable } from 'node:stream';
import pino from 'pino';
import { analyseProjection } from '../../src/analysis/analyse.js';
import type { WriteBack } from '../../src/store/browser-view.js';
import { createRunning, database, newGraph, openStore, queuedAnalysis, TEST_OWNER } from './helpers.js';

/** Rings of 12 accounts, each ring's first account replying to the next ring's (bridges), reciprocated. */
function rings() {
  const interactions = [];
  for (let i = 0; i < 240; i++) {
    const ring = Math.floor(i / 12) * 12;
    const next = ring + ((i + 1) % 12);
    interactions.push({ id: null, source: `u${i}`, target: `u${next}`, type: 'reply', weight: 1 + (i % 3), timestamp: null });
    interactions.push({ id: null, source: `u${next}`, target: `u${i}`, type: 'reply', weight: 1, timestamp: null });
    if (i % 12 === 0) interactions.push({ id: null, source: `u${i}`, target: `u${(i + 12) % 240}`, type: 'mention', weight: 1, timestamp: null });
    if (i % 12 === 3) interactions.push({ id: null, source: `u${i}`, target: `u${i + 5}`, type: 'reply', weight: 2, timestamp: null });
  }
  return interactions;
}

/** Sorted, serialized properties: Neo4j integers and lists compared by value. */
function canonical(props: Record<string, unknown>): string {
  const { writer: _writer, ...rest } = props;
  return JSON.stringify(Object.keys(rest).sort().map((k) => [k, String(rest[k])]));
}

for (const writeBack of ['compact', 'full'] as WriteBack[]) {
  t.test(`writeBack '${writeBack}': the view written from memory is the one written from the stored form`, async (t) => {
    const phases: string[] = [];
    const sink = new Writable({
      write(chunk, _enc, done) {
        for (const line of String(chunk).split('\n')) if (line.includes('"phase"')) phases.push(JSON.parse(line).phase as string);
        done();
      },
    });
    const { store, driver } = await openStore(t, { writeBack, logger: pino({ level: 'debug' }, sink), resultChunkSize: 7, nicheMembersPerTransaction: 20 });
    const g = await newGraph(t, store, `view-source-${writeBack}`);
    await store.ingest(g, { interactions: rings(), accounts: [] });
    const projected = await store.project(g, { typeWeights: {}, from: null, to: null, minWeight: 0 });
    if (!projected) throw new Error('no projection');
    const result = analyseProjection(projected.table, { resolution: 1, seed: 1, topK: 5, runs: 1 });
    const a = queuedAnalysis(g);
    await createRunning(store, a);

    const view = async () => {
      const q = async (query: string) => (await driver.executeQuery(query, { id: a.id }, { database })).records.map((r) => String(r.get(0))).sort();
      return {
        niches: (await driver.executeQuery('MATCH (n:Niche {analysisId: $id}) RETURN properties(n) AS p', { id: a.id }, { database })).records.map((r) => canonical(r.get('p'))).sort(),
        communities: (await driver.executeQuery('MATCH (c:Community {analysisId: $id}) RETURN properties(c) AS p', { id: a.id }, { database })).records.map((r) => canonical(r.get('p'))).sort(),
        inCommunity: await q('MATCH (n:Niche {analysisId: $id})-[r:IN_COMMUNITY]->(c:Community) RETURN n.id + ">" + c.id + " " + toString(size(keys(r)))'),
        inNiche: (
          await driver.executeQuery('MATCH (x:Account)-[m:IN_NICHE {analysisId: $id}]->(n:Niche) RETURN x.id AS account, n.id AS niche, properties(m) AS p', { id: a.id }, { database })
        ).records
          .map((r) => `${r.get('account')}>${r.get('niche')} ${canonical(r.get('p'))}`)
          .sort(),
      };
    };

    const { browserView } = await store.writeResult(a.id, result, new Date().toISOString(), TEST_OWNER);
    t.equal(browserView, 'written');
    t.ok(phases.includes('view-memory') && !phases.includes('view-read'), 'the first materialization took the result in memory');
    const fromMemory = await view();
    t.ok(fromMemory.niches.length > 1 && fromMemory.communities.length > 0 && fromMemory.inNiche.length > fromMemory.niches.length, 'a view with several niches and their memberships');

    // As a failed materialization leaves it: nothing staged, 'failed'; the next one reads the stored form.
    await driver.executeQuery(
      'MATCH (a:Analysis {id: $id}) SET a.browserView = "failed" WITH a MATCH (x {analysisId: $id}) WHERE x:Niche OR x:Community DETACH DELETE x',
      { id: a.id },
      { database },
    );
    phases.length = 0;
    t.equal(await store.materializeBrowserView(a.id, 'second'), 'written');
    t.ok(phases.includes('view-read') && !phases.includes('view-memory'), 'the second materialization read the stored form');
    const fromStored = await view();
    t.same(fromStored, fromMemory, 'nodes, relationships and properties are the same');
    t.equal((await store.getAnalysis(a.id))?.browserView, 'written');
  });
}
