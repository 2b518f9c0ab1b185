/**
 * An erasure cut off half-way (the database cut away by a TCP proxy in front of the real
 * Neo4j: every open connection dropped, so the server rolls back what was not committed):
 *   - the hub's interactions go in inner transactions of the store's deletion batch (here
 *     250), so the cut lands after some of them committed and before the rest;
 *   - the cut DELETE answers 503 NG_STORE_UNAVAILABLE; the ledger entry, written first, is
 *     there (pending), and an upload naming the hub meanwhile stores nothing of it;
 *   - the stored result of the graph's analysis is whole meanwhile (the old version: its
 *     redaction is one transaction, not begun), and readable;
 *   - repeating the DELETE completes the erasure: no interaction, no account, the result
 *     redacted, the entry complete.
 * No Neo4j restart: the proxy's cut is what a crash does to the transactions in flight.
 */
import t from 'tap';
import { startTestApp, uniqueId } from '../helpers/app.js';
import { TcpProxy } from './tcp-proxy.js';

const target = new URL((process.env.NEO4J_URI ?? 'bolt://127.0.0.1:7687').replace(/^(bolt|neo4j)/, 'http'));
const proxy = new TcpProxy(target.hostname, Number(target.port || 7687));
await proxy.up();
const ctx = await startTestApp({ NEO4J_URI: `bolt://127.0.0.1:${proxy.port}`, NEO4J_MAX_RETRY_MS: '1000' }, { deleteBatchSize: 250 });
// The direct connection, beside the proxy: the test's own writes and reads.
const direct = await startTestApp();
t.teardown(async () => {
  await proxy.up().catch(() => {});
  await ctx.close();
  await direct.close();
  await proxy.down();
});

const HUB = 'hub';
const FRIENDS = 2_000;
const N = 20_000;

const count = async (query: string, params: Record<string, unknown>) => Number((await direct.driver.executeQuery(query, params)).records[0]?.get('n'));

t.test('an erasure cut half-way answers 503, keeps the account suppressed and the result whole; a retry completes it', async (t) => {
  const g = uniqueId('hub');
  t.equal((await direct.app.inject({ method: 'POST', url: '/v1/graphs', payload: { id: g, name: g } })).statusCode, 201);
  t.teardown(() => direct.app.inject({ method: 'DELETE', url: `/v1/graphs/${g}` }).then(() => {}));
  // The hub and 2,000 friends, 5 interactions each way; the friends in rings of 10 beside.
  const interactions = Array.from({ length: N }, (_, i) => (i % 2 === 0 ? { source: HUB, target: `f${i % FRIENDS}` } : { source: `f${i % FRIENDS}`, target: HUB }));
  for (let f = 0; f < FRIENDS; f++) interactions.push({ source: `f${f}`, target: `f${f - (f % 10) + ((f + 1) % 10)}` });
  const res = await direct.app.inject({ method: 'POST', url: `/v1/graphs/${g}/interactions`, payload: { interactions } });
  t.equal(res.statusCode, 200);
  const analysis = (await direct.app.inject({ method: 'POST', url: `/v1/graphs/${g}/analyses?wait=60`, payload: { seed: 3, runs: 2 } })).json();
  t.equal(analysis.status, 'succeeded');
  const before = (await direct.app.inject({ url: `/v1/analyses/${analysis.id}/accounts/${HUB}` })).statusCode;
  t.equal(before, 200, 'the hub is in the result');
  const hubEdges = () => count('MATCH (:Account {graphId: $g, id: $id})-[r:INTERACTED]-() RETURN count(r) AS n', { g, id: HUB });
  t.equal(await hubEdges(), N);

  const pending = ctx.app.inject({ method: 'DELETE', url: `/v1/graphs/${g}/accounts/${HUB}` });
  // Cut once some batches are deleted (committed: the direct connection sees them).
  let left = N;
  for (let i = 0; i < 4000 && left === N; i++) {
    left = await hubEdges();
    if (left === N) await new Promise((r) => setTimeout(r, 10));
  }
  await proxy.down();
  const cut = await pending;
  const after = await hubEdges();
  t.ok(left < N && after > 0, `cut after ${N - after} of ${N} interactions were deleted`);
  t.equal(cut.statusCode, 503, 'the cut erasure answers 503');
  t.equal(cut.json().code, 'NG_STORE_UNAVAILABLE');
  t.equal(cut.headers['content-type'], 'application/problem+json; charset=utf-8');

  t.equal(await count('MATCH (e:Erasure {graphId: $g}) WHERE e.completedAt IS NULL RETURN count(e) AS n', { g }), 1, 'the ledger entry is there, pending');
  const meanwhile = await direct.app.inject({ method: 'POST', url: `/v1/graphs/${g}/interactions`, payload: { interactions: [{ source: HUB, target: 'f1' }, { source: 'f1', target: 'f2' }] } });
  t.match(meanwhile.json(), { stored: 1, suppressed: 1 }, 'an upload naming the hub is suppressed already');
  const record = (await direct.app.inject({ url: `/v1/analyses/${analysis.id}` })).json();
  t.notOk(record.erasures, 'the result is the old version, not a part-redacted one');
  t.equal((await direct.app.inject({ url: `/v1/analyses/${analysis.id}/accounts/${HUB}` })).statusCode, 200, 'and reads whole');
  await proxy.up();

  let done = 0;
  for (let i = 0; i < 40 && done !== 204; i++) {
    done = (await ctx.app.inject({ method: 'DELETE', url: `/v1/graphs/${g}/accounts/${HUB}` })).statusCode;
    if (done !== 204) await new Promise((r) => setTimeout(r, 250));
  }
  t.equal(done, 204, 'repeating the DELETE completes the erasure');
  t.equal(await hubEdges(), 0);
  t.equal(await count('MATCH (a:Account {graphId: $g, id: $id}) RETURN count(a) AS n', { g, id: HUB }), 0, 'the hub is gone');
  t.equal(await count('MATCH (:Account {graphId: $g})-[r:INTERACTED]->() RETURN count(r) AS n', { g }), FRIENDS + 1, 'the friends\' interactions stay');
  t.equal(await count('MATCH (e:Erasure {graphId: $g}) WHERE e.completedAt IS NOT NULL RETURN count(e) AS n', { g }), 1, 'the entry is complete');
  const redacted = (await direct.app.inject({ url: `/v1/analyses/${analysis.id}` })).json();
  t.equal(redacted.erasures, 1, 'the result is redacted');
  t.equal(redacted.summary.accounts, FRIENDS);
  // Read through the app that erased (it dropped its cached reads of the result; another
  // process keeps its cached catalogue up to the result cache's TTL, 60 s).
  t.equal((await ctx.app.inject({ url: `/v1/analyses/${analysis.id}/accounts/${HUB}` })).statusCode, 404);
});
