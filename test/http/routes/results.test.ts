/**
 * Results over HTTP at web speed (issue 10 item 6): a finished analysis's pages carry a
 * strong ETag and Cache-Control, If-None-Match answers 304 without a body, the ETag
 * differs per page and per analysis, and an unfinished analysis answers 409 uncached.
 */
import t from 'tap';
import { startTestApp, uniqueId } from '../../helpers/app.js';

const ctx = await startTestApp();
t.teardown(() => ctx.close());
const { app } = ctx;

const graphId = uniqueId('res');
await app.inject({ method: 'POST', url: '/v1/graphs', payload: { id: graphId, name: graphId } });
t.teardown(() => app.inject({ method: 'DELETE', url: `/v1/graphs/${graphId}` }));
{
  const interactions = [];
  for (const p of ['a', 'b']) for (let i = 0; i < 5; i++) for (let j = 0; j < 5; j++) if (i !== j) interactions.push({ source: `${p}${i}`, target: `${p}${j}`, type: 'reply' });
  interactions.push({ source: 'a0', target: 'b0', type: 'reply' });
  const res = await app.inject({ method: 'POST', url: `/v1/graphs/${graphId}/interactions`, payload: { interactions } });
  if (res.statusCode !== 200) throw new Error(res.body);
}
const analyse = async (seed: number) => (await app.inject({ method: 'POST', url: `/v1/graphs/${graphId}/analyses?wait=60`, payload: { seed, runs: 2 } })).json();
const first = await analyse(1);
const second = await analyse(2);

t.test('finished results: strong ETag, Cache-Control, 304 on If-None-Match', async (t) => {
  t.equal(first.status, 'succeeded');
  for (const url of [
    `/v1/analyses/${first.id}/niches?limit=10`,
    `/v1/analyses/${first.id}/communities?limit=10`,
    `/v1/analyses/${first.id}/niches/n0/members?limit=3`,
    `/v1/analyses/${first.id}/accounts/a1`,
  ]) {
    const res = await app.inject({ url });
    t.equal(res.statusCode, 200, url);
    const tag = res.headers.etag as string;
    t.match(tag, /^"[A-Za-z0-9_-]{32}"$/, 'a strong ETag');
    t.equal(res.headers['cache-control'], 'private, max-age=60');
    const again = await app.inject({ url });
    t.equal(again.headers.etag, tag, 'the same page has the same ETag');
    t.equal(again.body, res.body);
    const revalidated = await app.inject({ url, headers: { 'if-none-match': tag } });
    t.equal(revalidated.statusCode, 304, 'current copy: 304');
    t.equal(revalidated.body, '', 'no body');
    t.equal(revalidated.headers.etag, tag);
    t.equal((await app.inject({ url, headers: { 'if-none-match': `"other", W/${tag}` } })).statusCode, 304, 'listed among others, weakly');
    t.equal((await app.inject({ url, headers: { 'if-none-match': '"stale"' } })).statusCode, 200, 'another tag: the page');
  }
  const a = await app.inject({ url: `/v1/analyses/${first.id}/niches?limit=10` });
  const b = await app.inject({ url: `/v1/analyses/${first.id}/niches?limit=1` });
  const c = await app.inject({ url: `/v1/analyses/${second.id}/niches?limit=10` });
  t.not(a.headers.etag, b.headers.etag, 'another page, another ETag');
  t.not(a.headers.etag, c.headers.etag, 'another analysis, another ETag');
});

t.test('the community level: GET communities (paged, largest first, niche ids), communityId per niche, both modularities', async (t) => {
  // Two circles of five joined by one tie: two communities of one niche each.
  t.match(first.summary, { communities: 2, niches: 2 });
  t.ok(typeof first.summary.nicheModularity === 'number' && first.summary.modularity > 0.3, `Q ${first.summary.modularity}, niches ${first.summary.nicheModularity}`);
  const page = (await app.inject({ url: `/v1/analyses/${first.id}/communities` })).json();
  t.equal(page.total, 2);
  t.same(page.items.map((c: { id: string; size: number; niches: string[]; unassigned: number }) => [c.id, c.size, c.niches.length, c.unassigned]), [['c0', 5, 1, 0], ['c1', 5, 1, 0]]);
  t.ok(page.items.every((c: { density: number; conductance: number }) => c.density === 1 && c.conductance > 0 && c.conductance < 0.1), 'figures of each community');
  const niches = (await app.inject({ url: `/v1/analyses/${first.id}/niches` })).json();
  const byCommunity = Object.fromEntries(page.items.map((c: { id: string; niches: string[] }) => [c.id, c.niches]));
  for (const n of niches.items as Array<{ id: string; communityId: string | null; unassigned: boolean }>) {
    if (n.unassigned) t.equal(n.communityId, null);
    else t.ok(byCommunity[n.communityId as string]?.includes(n.id), `${n.id} is listed by its community ${n.communityId}`);
  }
  const second = (await app.inject({ url: `/v1/analyses/${first.id}/communities?limit=1&offset=1` })).json();
  t.match(second, { total: 2, limit: 1, offset: 1, items: [{ id: 'c1' }] });
  t.equal((await app.inject({ url: `/v1/analyses/${first.id}/communities?limit=0` })).statusCode, 400, 'the page query is validated');
  const unknown = await app.inject({ url: `/v1/analyses/${uniqueId('nope')}/communities` });
  t.equal(unknown.statusCode, 404);
  t.match(unknown.json(), { code: 'NG_ANALYSIS_NOT_FOUND' });
});

t.test('unknown and unfinished analyses: 404 / 409, never cached', async (t) => {
  const unknown = await app.inject({ url: `/v1/analyses/${uniqueId('nope')}/niches` });
  t.equal(unknown.statusCode, 404);
  t.equal(unknown.headers['cache-control'], 'no-store');
  t.notOk(unknown.headers.etag);
  // A queued analysis (the runner is busy with nothing: created straight in the store).
  const id = uniqueId('queued');
  await ctx.store.createAnalysis({ id, graphId, status: 'queued', params: first.params, createdAt: new Date().toISOString(), startedAt: null, finishedAt: null, error: null, summary: null }, { owner: 'results-test', until: null });
  const queued = await app.inject({ url: `/v1/analyses/${id}/niches` });
  t.equal(queued.statusCode, 409);
  t.equal((await app.inject({ url: `/v1/analyses/${id}/communities` })).statusCode, 409, 'communities too');
  t.equal(queued.headers['cache-control'], 'no-store');
  t.notOk(queued.headers.etag);
  t.equal((await app.inject({ url: `/v1/analyses/${id}/niches`, headers: { 'if-none-match': '*' } })).statusCode, 409, 'If-None-Match does not turn a 409 into a 304');
});

t.test('an unknown niche or account of a finished analysis: 404 without ETag', async (t) => {
  for (const url of [`/v1/analyses/${first.id}/niches/n999/members`, `/v1/analyses/${first.id}/accounts/nobody`]) {
    const res = await app.inject({ url });
    t.equal(res.statusCode, 404, url);
    t.notOk(res.headers.etag);
    t.equal(res.headers['cache-control'], 'no-store');
  }
});
