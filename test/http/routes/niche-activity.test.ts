/**
 * GET /v1/analyses/{id}/niches/{nicheId}/activity (issue 11, the niche card's chart) on small
 * graphs with known timestamps: exact daily and weekly buckets, types weighted 0 left out, the span the analysis recorded (later events not counted), the
 * bucket cap, a folded graph's counts, erasure, and the errors (404 unknown niche, 400 bad
 * bucket, uncached).
 */
import t from 'tap';
import { finishedAnalysis, startTestApp, uniqueId } from '../../helpers/app.js';

const ctx = await startTestApp();
t.teardown(() => ctx.close());
const { app } = ctx;

interface Event {
  source: string;
  target: string;
  type: string;
  timestamp: string;
}

/** Every ordered pair of `prefix`0..4, in order: 20 pairs. */
function pairs(prefix: string): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (let i = 0; i < 5; i++) for (let j = 0; j < 5; j++) if (i !== j) out.push([`${prefix}${i}`, `${prefix}${j}`]);
  return out;
}

async function graph(fold?: 'day'): Promise<string> {
  const id = uniqueId('activity');
  const res = await app.inject({ method: 'POST', url: '/v1/graphs', payload: { id, name: id, ...(fold ? { fold } : {}) } });
  if (res.statusCode !== 201) throw new Error(res.body);
  t.teardown(() => app.inject({ method: 'DELETE', url: `/v1/graphs/${id}` }).then(() => {}));
  return id;
}

async function ingest(graphId: string, interactions: Event[]): Promise<void> {
  const res = await app.inject({ method: 'POST', url: `/v1/graphs/${graphId}/interactions`, headers: { 'idempotency-key': uniqueId('batch') }, payload: { interactions } });
  if (res.statusCode !== 200) throw new Error(res.body);
}

async function nicheOf(analysisId: string, accountId: string): Promise<{ id: string; events: number }> {
  const account = (await app.inject({ url: `/v1/analyses/${analysisId}/accounts/${accountId}` })).json();
  const niches = (await app.inject({ url: `/v1/analyses/${analysisId}/niches?limit=100` })).json();
  return niches.items.find((n: { id: string }) => n.id === account.niche.id);
}

const activity = async (analysisId: string, nicheId: string, bucket: string) => app.inject({ url: `/v1/analyses/${analysisId}/niches/${nicheId}/activity?bucket=${bucket}` });

// Circle a: its 20 events on three days of two ISO weeks. Circle b: 5 events early in 2023,
// 15 on 2026-11-02 (a span longer than the bucket caps). One bridge a0 -> b0.
const aEvents: Event[] = pairs('a').map(([source, target], k) => ({
  source,
  target,
  type: 'reply',
  timestamp: k < 10 ? '2026-11-02T10:00:00Z' : k < 15 ? '2026-11-04T23:59:59.999Z' : '2026-11-09T00:00:00Z',
}));
const bEvents: Event[] = pairs('b').map(([source, target], k) => ({ source, target, type: 'reply', timestamp: k < 5 ? '2023-01-02T12:00:00Z' : '2026-11-02T08:00:00Z' }));
const extras: Event[] = [
  { source: 'a0', target: 'b0', type: 'reply', timestamp: '2026-11-03T12:00:00Z' },
  { source: 'a1', target: 'a2', type: 'like', timestamp: '2026-11-04T12:00:00Z' }, // weighted 0
];
const g = await graph();
await ingest(g, [...aEvents, ...bEvents, ...extras]);
const analysis = await finishedAnalysis(app, g, { seed: 1, runs: 2, minNicheSize: 3, typeWeights: { like: 0 } });

t.test('a niche per day and per ISO week: exact buckets, zeros included, equal to the events the analysis counted', async (t) => {
  t.equal(analysis.status, 'succeeded');
  const a = await nicheOf(analysis.id, 'a1');
  t.equal(a.events, 20, 'the analysis counted 20 internal events (the type weighted 0 and the bridge left out)');
  const day = await activity(analysis.id, a.id, 'day');
  t.equal(day.statusCode, 200);
  t.equal(day.headers['cache-control'], 'no-store');
  t.notOk(day.headers.etag, 'no ETag: later ingestion may change the answer');
  t.same(day.json(), {
    analysisId: analysis.id,
    nicheId: a.id,
    bucket: 'day',
    from: '2026-11-02T10:00:00.000Z',
    to: '2026-11-09T00:00:00.000Z',
    events: 20,
    earlierEvents: 0,
    buckets: [
      { start: '2026-11-02T00:00:00.000Z', events: 10 },
      { start: '2026-11-03T00:00:00.000Z', events: 0 },
      { start: '2026-11-04T00:00:00.000Z', events: 5 },
      { start: '2026-11-05T00:00:00.000Z', events: 0 },
      { start: '2026-11-06T00:00:00.000Z', events: 0 },
      { start: '2026-11-07T00:00:00.000Z', events: 0 },
      { start: '2026-11-08T00:00:00.000Z', events: 0 },
      { start: '2026-11-09T00:00:00.000Z', events: 5 },
    ],
  });
  const week = (await activity(analysis.id, a.id, 'week')).json();
  t.same(week.buckets, [
    { start: '2026-11-02T00:00:00.000Z', events: 15 },
    { start: '2026-11-09T00:00:00.000Z', events: 5 },
  ]);
  t.same((await app.inject({ url: `/v1/analyses/${analysis.id}/niches/${a.id}/activity` })).json().bucket, 'week', 'week by default');
});

t.test('the bucket cap: the latest 366 days or 104 weeks, the rest summed in earlierEvents', async (t) => {
  const b = await nicheOf(analysis.id, 'b1');
  const day = (await activity(analysis.id, b.id, 'day')).json();
  t.equal(day.events, 20);
  t.equal(day.buckets.length, 366);
  t.equal(day.buckets[0].start, '2025-11-02T00:00:00.000Z');
  t.same(day.buckets[365], { start: '2026-11-02T00:00:00.000Z', events: 15 });
  t.equal(day.earlierEvents, 5, 'the 2023 events are before the first day listed');
  t.equal(day.buckets.reduce((s: number, x: { events: number }) => s + x.events, 0), 15);
  const week = (await activity(analysis.id, b.id, 'week')).json();
  t.equal(week.buckets.length, 104);
  t.equal(week.buckets[0].start, '2024-11-11T00:00:00.000Z');
  t.same(week.buckets[103], { start: '2026-11-02T00:00:00.000Z', events: 15 });
  t.equal(week.earlierEvents, 5);
});

t.test('events ingested after the analysis: counted inside its span, not after it', async (t) => {
  const g2 = await graph();
  await ingest(g2, aEvents);
  const done = await finishedAnalysis(app, g2, { seed: 1, runs: 1, minNicheSize: 3 });
  const a = await nicheOf(done.id, 'a1');
  await ingest(g2, [
    { source: 'a1', target: 'a2', type: 'reply', timestamp: '2026-11-03T12:00:00Z' },
    { source: 'a1', target: 'a2', type: 'reply', timestamp: '2026-11-20T12:00:00Z' },
  ]);
  const week = (await activity(done.id, a.id, 'week')).json();
  t.equal(week.to, '2026-11-09T00:00:00.000Z', 'the span is the one the analysis recorded');
  t.same(week.buckets, [
    { start: '2026-11-02T00:00:00.000Z', events: 16 },
    { start: '2026-11-09T00:00:00.000Z', events: 5 },
  ]);
});

t.test("a folded graph: a relationship's count is its day's events", async (t) => {
  const f = await graph('day');
  const events: Event[] = [];
  for (const [source, target] of pairs('c')) {
    for (const hour of ['08', '12', '20']) events.push({ source, target, type: 'reply', timestamp: `2026-11-10T${hour}:00:00Z` });
    events.push({ source, target, type: 'reply', timestamp: '2026-11-11T09:00:00Z' });
  }
  await ingest(f, events);
  const { records } = await ctx.driver.executeQuery('MATCH (:Account {graphId: $g})-[r:INTERACTED]->() RETURN count(r) AS n', { g: f });
  t.equal(Number(records[0]?.get('n')), 40, '80 events folded into 40 relationships');
  const done = await finishedAnalysis(app, f, { seed: 1, runs: 1, minNicheSize: 3 });
  const c = await nicheOf(done.id, 'c0');
  t.equal(c.events, 80);
  const day = (await activity(done.id, c.id, 'day')).json();
  t.same(day.buckets, [
    { start: '2026-11-10T00:00:00.000Z', events: 60 },
    { start: '2026-11-11T00:00:00.000Z', events: 20 },
  ]);
  t.same((await activity(done.id, c.id, 'week')).json().buckets, [{ start: '2026-11-09T00:00:00.000Z', events: 80 }]);
});

t.test("an erased member's events are gone from the answer", async (t) => {
  const g3 = await graph();
  await ingest(g3, aEvents);
  const done = await finishedAnalysis(app, g3, { seed: 1, runs: 1, minNicheSize: 3 });
  const a = await nicheOf(done.id, 'a1');
  t.equal((await app.inject({ method: 'DELETE', url: `/v1/graphs/${g3}/accounts/a1` })).statusCode, 204);
  // Expected: a's events without a1's, bucketed by their UTC date.
  const expected = new Map<string, number>();
  for (const e of aEvents) if (e.source !== 'a1' && e.target !== 'a1') expected.set(e.timestamp.slice(0, 10), (expected.get(e.timestamp.slice(0, 10)) ?? 0) + 1);
  const day = (await activity(done.id, a.id, 'day')).json();
  const listed = new Map<string, number>(day.buckets.filter((b: { events: number }) => b.events > 0).map((b: { start: string; events: number }) => [b.start.slice(0, 10), b.events]));
  t.same(listed, expected);
  t.equal(day.events, 12, '20 events less the 8 with a1');
});

t.test('errors: 404 for an unknown niche or analysis, 400 naming a bad bucket', async (t) => {
  const unknown = await activity(analysis.id, 'n999', 'day');
  t.equal(unknown.statusCode, 404);
  t.equal(unknown.json().code, 'NG_NICHE_NOT_FOUND');
  t.match(unknown.headers['content-type'], /application\/problem\+json/);
  t.equal((await activity('no-such-analysis', 'n0', 'day')).json().code, 'NG_ANALYSIS_NOT_FOUND');
  const bad = await activity(analysis.id, 'n0', 'month');
  t.equal(bad.statusCode, 400);
  t.match(bad.json(), { code: 'NG_VALIDATION', errors: [{ field: 'bucket' }] });
});
