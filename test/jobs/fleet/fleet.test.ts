/**
 * The fleet with real processes: two API instances and two workers sharing one Redis (a
 * prefix of this file's own) and the real Neo4j. Progress and cancellation go through the
 * instance that did not queue the analysis; a worker killed with SIGKILL mid-analysis leaves
 * every analysis ended exactly once (taken over by the other worker), none stuck.
 * Conditions are waited for with generous deadlines; nothing is timed.
 */
import t from 'tap';
import { randomBytes } from 'node:crypto';
import { generateConversationGraph } from '../../../src/synthetic/conversation-graph.js';
import { createDriver } from '../../../src/store/driver.js';
import { REDIS_URL, startApi, startWorker, waitUntil, type FleetProcess } from '../../helpers/fleet.js';

const NEO4J_URI = process.env.NEO4J_URI ?? 'bolt://127.0.0.1:7687';
const database = process.env.NEO4J_DATABASE ?? 'neo4j';
const env = { REDIS_URL, REDIS_PREFIX: `ngtest-${randomBytes(4).toString('hex')}`, NEO4J_URI, ANALYSIS_CONCURRENCY: '1' };

const driver = await createDriver({ uri: NEO4J_URI, user: process.env.NEO4J_USER ?? '', password: process.env.NEO4J_PASSWORD ?? '', database });
const processes: FleetProcess[] = [];
t.teardown(async () => {
  await a?.fetch(`/v1/graphs/${graphId}`, { method: 'DELETE' }).catch(() => {});
  await Promise.all(processes.map((p) => p.stop('SIGKILL')));
  await driver.close();
});
let a!: FleetProcess;
let b!: FleetProcess;
let worker1!: FleetProcess;
let worker2!: FleetProcess;
const graphId = `fleet-${randomBytes(4).toString('hex')}`;

t.before(async () => {
  [a, b, worker1, worker2] = await Promise.all([startApi(env), startApi(env), startWorker(env), startWorker(env)]);
  processes.push(a, b, worker1, worker2);
  // A conversation graph big enough that an analysis with many consensus runs lasts a while.
  const { interactions } = generateConversationGraph({ seed: 7, accounts: 1500, niches: 40, interactions: 15000 });
  const created = await a.fetch('/v1/graphs', { method: 'POST', json: { id: graphId, name: graphId } });
  if (created.status !== 201) throw new Error(`create graph: ${created.status}`);
  const ingest = await a.fetch(`/v1/graphs/${graphId}/interactions`, { method: 'POST', json: { interactions } });
  if (ingest.status !== 200) throw new Error(`ingest: ${ingest.status} ${JSON.stringify(ingest.body)}`);
});

const LONG = { runs: 100, seed: 3 };
const FINAL = new Set(['succeeded', 'failed']);

async function start(api: FleetProcess, body: object = LONG, graph = graphId): Promise<string> {
  const res = await api.fetch(`/v1/graphs/${graph}/analyses`, { method: 'POST', json: body });
  if (res.status !== 202 && res.status !== 200) throw new Error(`POST analysis: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id as string;
}

/** Waits for the analysis to end, and when it succeeded for its Browser view too (written after succeeded: `stored` reads the niche nodes). */
async function finished(api: FleetProcess, id: string) {
  return waitUntil(`analysis ${id} to finish`, async () => {
    const res = await api.fetch(`/v1/analyses/${id}?wait=5`);
    if (!FINAL.has(res.body.status)) return undefined;
    return res.body.status !== 'succeeded' || res.body.browserView !== 'pending' ? res.body : undefined;
  });
}

/**
 * What Neo4j holds about an analysis: its holder, claims, and the result rows written. The
 * memberships are read from the niches' memberIds (the compact write-back keeps IN_NICHE for a
 * few members of each niche only; the unassigned group's node has no list): one result has
 * every account in a niche once.
 */
async function stored(id: string) {
  const { records } = await driver.executeQuery(
    `MATCH (a:Analysis {id: $id})
     OPTIONAL MATCH (n:Niche {analysisId: $id})
     WITH a, count(n) AS niches, count(DISTINCT n.id) AS distinctNiches, collect(n.memberIds) AS memberLists
     UNWIND (CASE size(memberLists) WHEN 0 THEN [null] ELSE memberLists END) AS list
     UNWIND (CASE WHEN list IS NULL THEN [null] ELSE list END) AS member
     RETURN a.owner AS owner, a.attempts AS attempts, a.status AS status, a.niches AS summaryNiches,
            a.accounts - a.unassigned AS accountsInNiches, niches, distinctNiches, count(member) AS memberships,
            count(DISTINCT member) AS distinctMembers`,
    { id },
    { database },
  );
  const r = records[0]!;
  const num = (k: string) => (r.get(k) === null ? null : Number(r.get(k)));
  return {
    owner: r.get('owner') as string | null,
    attempts: num('attempts'),
    status: r.get('status') as string,
    summaryNiches: num('summaryNiches'),
    accountsInNiches: num('accountsInNiches'),
    niches: num('niches'),
    distinctNiches: num('distinctNiches'),
    memberships: num('memberships'),
    distinctMembers: num('distinctMembers'),
  };
}

t.test('an analysis queued through one instance runs on a worker; its progress is seen through the other', async (t) => {
  const id = await start(a);
  const phases = new Set<string>();
  const done = await waitUntil(`progress of ${id} through the other instance`, async () => {
    const res = await b.fetch(`/v1/analyses/${id}`);
    if (res.body.progress) phases.add(res.body.progress.phase);
    return FINAL.has(res.body.status) ? res.body : undefined;
  }, 180_000, 20);
  t.equal(done.status, 'succeeded', JSON.stringify(done.error ?? ''));
  t.ok([...phases].some((p) => p !== 'queued'), `a running phase was seen through B (${[...phases].join(', ')})`);
  await finished(b, id); // its Browser view too: `stored` reads the niche nodes
  const s = await stored(id);
  t.match(s.owner, /^worker:/, 'a worker process ran it');
  t.ok((s.niches ?? 0) >= (s.summaryNiches ?? 0) && s.niches === s.distinctNiches, 'one result: every niche stored once');
  t.same([s.memberships, s.distinctMembers], [s.accountsInNiches, s.accountsInNiches], 'one result: one membership per account in a niche');
});

t.test('a cancel sent to the other instance reaches the worker running the analysis', async (t) => {
  const id = await start(a, { runs: 100, seed: 11 });
  await waitUntil(`${id} to run`, async () => {
    const res = await b.fetch(`/v1/analyses/${id}`);
    return res.body.status === 'running' && res.body.progress && res.body.progress.phase !== 'queued';
  }, 180_000, 20);
  const res = await b.fetch(`/v1/analyses/${id}`, { method: 'DELETE' });
  t.equal(res.status, 200);
  t.match(res.body, { status: 'failed', error: 'cancelled' });
  const s = await stored(id);
  t.equal(s.niches, 0, 'nothing of it was written');
  t.equal((await a.fetch(`/v1/analyses/${id}`)).body.status, 'failed', 'the instance that queued it sees it cancelled');
});

t.test('a worker killed mid-analysis: every analysis ends, once, none stuck', async (t) => {
  const ids: string[] = [];
  for (let i = 0; i < 4; i++) ids.push(await start(i % 2 ? a : b, { runs: 60, seed: 100 + i }));
  // Wait until one of them runs on worker1 (its lease names worker1's pid), then SIGKILL it.
  const victim = await waitUntil('an analysis running on worker 1', async () => {
    for (const id of ids) {
      const s = await stored(id);
      if (s.status === 'running' && s.owner?.includes(`:${worker1.pid}:`)) return id;
    }
    return undefined;
  }, 180_000, 20);
  await worker1.stop('SIGKILL');
  t.pass(`worker 1 (pid ${worker1.pid}) killed while running ${victim}`);

  const results = [];
  for (const id of ids) results.push(await finished(a, id));
  for (const [i, done] of results.entries()) {
    const s = await stored(ids[i]!);
    t.ok(FINAL.has(done.status), `${ids[i]} ended (${done.status}${done.error ? `: ${done.error}` : ''})`);
    if (done.status === 'succeeded') {
      t.ok((s.niches ?? 0) >= (s.summaryNiches ?? 0) && s.niches === s.distinctNiches, `${ids[i]}: one result (every niche once)`);
      t.same([s.memberships, s.distinctMembers], [s.accountsInNiches, s.accountsInNiches], `${ids[i]}: one result (memberships)`);
    } else {
      t.equal(s.niches, 0, `${ids[i]}: a failed analysis keeps no result`);
      t.ok(done.error, 'with a reason');
    }
  }
  const taken = await stored(victim);
  t.equal(taken.status, 'succeeded', 'the killed analysis was taken over and finished');
  t.ok((taken.attempts ?? 0) >= 2, `claimed again after the kill (${taken.attempts} claims)`);
  t.ok(taken.owner?.includes(`:${worker2.pid}:`), 'by the surviving worker');
  const stuck = await driver.executeQuery(
    `MATCH (a:Analysis {graphId: $g}) WHERE a.status IN ['queued', 'running'] RETURN count(a) AS n`,
    { g: graphId },
    { database },
  );
  t.equal(Number(stuck.records[0]?.get('n')), 0, 'none stuck');
});

t.test('a worker stopped with SIGTERM mid-analysis hands it to another worker', async (t) => {
  // A graph of its own, about three times bigger, so the analysis outlasts the grace period by far
  // even on a quiet machine (on the shared graph it can finish within it, and nothing is abandoned).
  const bigGraph = `fleet-big-${randomBytes(4).toString('hex')}`;
  t.teardown(() => a.fetch(`/v1/graphs/${bigGraph}`, { method: 'DELETE' }).catch(() => {}));
  const { interactions } = generateConversationGraph({ seed: 11, accounts: 4000, niches: 80, interactions: 40000 });
  t.equal((await a.fetch('/v1/graphs', { method: 'POST', json: { id: bigGraph, name: bigGraph } })).status, 201, 'bigger graph created');
  t.equal((await a.fetch(`/v1/graphs/${bigGraph}/interactions`, { method: 'POST', json: { interactions } })).status, 200, 'and loaded');
  const worker3 = await startWorker(env);
  processes.push(worker3);
  const id = await start(b, { runs: 100, seed: 77 }, bigGraph);
  const holder = await waitUntil(`${id} to run`, async () => {
    const s = await stored(id);
    if (s.status !== 'running') return undefined;
    return [worker1, worker2, worker3].find((w) => w.alive && s.owner?.includes(`:${w.pid}:`));
  }, 180_000, 20);
  // SHUTDOWN_GRACE_MS (1 s here) is much shorter than the run: the worker abandons it and releases its lease.
  await holder.stop('SIGTERM');
  t.pass(`worker ${holder.pid} stopped with SIGTERM while running ${id}`);
  const done = await finished(a, id);
  t.equal(done.status, 'succeeded', `finished by the other worker (${done.error ?? ''})`);
  const s = await stored(id);
  t.ok(s.owner !== null && !s.owner.includes(`:${holder.pid}:`) && [worker1, worker2, worker3].some((w) => w.alive && s.owner?.includes(`:${w.pid}:`)), `which holds it now (${s.owner})`);
  t.ok((s.attempts ?? 0) >= 2, `claimed again (${s.attempts} claims)`);
  t.same([s.memberships, s.distinctMembers], [s.accountsInNiches, s.accountsInNiches], 'one result');
  t.ok(holder.records().some((r) => r.msg === 'shutdown: running analyses abandoned to another worker'), 'the stopped worker said it abandoned the analysis');
});
