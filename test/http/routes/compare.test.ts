/**
 * GET /v1/analyses/{analysisId}/compare/{otherAnalysisId} (issue 12 item 5) against the real
 * Neo4j: a planted niche that splits between two windows beside a circle that stays, whose
 * hub changes in the second window; the comparison reads forward in time whatever the order
 * in the path; ETag/304; the errors.
 */
import t from 'tap';
import { generateEvolvingNiche } from '../../../src/synthetic/evolving-niche.js';
import { startTestApp, uniqueId } from '../../helpers/app.js';

const ctx = await startTestApp();
t.teardown(() => ctx.close());
const { app } = ctx;

const evo = generateEvolvingNiche({ size: 24 });
/** A circle of 8 that talks in both windows; in each window everyone also mentions `hub` three times. */
function circle(from: string, hub: string, tag: string) {
  const members = Array.from({ length: 8 }, (_, i) => `stay-${i}`);
  const out = [];
  let k = 0;
  const at = () => new Date(Date.parse(from) + (k * 3_600_000) % (30 * 86_400_000)).toISOString();
  for (const s of members) for (const tg of members) if (s !== tg) out.push({ id: `${tag}-${k}`, source: s, target: tg, type: 'reply', timestamp: at(), ...(k++, {}) });
  for (const s of members) if (s !== hub) for (let r = 0; r < 3; r++) out.push({ id: `${tag}-${k}`, source: s, target: hub, type: 'mention', weight: 3, timestamp: at(), ...(k++, {}) });
  return out;
}

async function newGraph(interactions: object[]): Promise<string> {
  const id = uniqueId('cmp');
  const created = await app.inject({ method: 'POST', url: '/v1/graphs', payload: { id, name: id } });
  if (created.statusCode !== 201) throw new Error(created.body);
  const res = await app.inject({ method: 'POST', url: `/v1/graphs/${id}/interactions`, payload: { interactions } });
  if (res.statusCode !== 200) throw new Error(res.body);
  t.teardown(async () => {
    await app.inject({ method: 'DELETE', url: `/v1/graphs/${id}` });
  });
  return id;
}

async function analyse(graphId: string, body: object) {
  const res = await app.inject({ method: 'POST', url: `/v1/graphs/${graphId}/analyses?wait=60`, payload: body });
  const a = res.json();
  if (a.status !== 'succeeded') throw new Error(`analysis did not succeed: ${res.body}`);
  return a;
}

const g = await newGraph([...evo.before.interactions, ...evo.after.interactions, ...circle(evo.before.from, 'stay-0', 'c1'), ...circle(evo.after.from, 'stay-7', 'c2')]);
const first = await analyse(g, { to: evo.before.to, topK: 1 });
const second = await analyse(g, { from: evo.after.from, topK: 1 });

t.test('the split, the circle, who changed niche, who rose and fell, trusted gained and lost', async (t) => {
  const res = await app.inject({ url: `/v1/analyses/${second.id}/compare/${first.id}?movers=3` });
  t.equal(res.statusCode, 200, res.body);
  const c = res.json();
  t.match(c.before, { analysisId: first.id, from: null, to: evo.before.to });
  t.match(c.after, { analysisId: second.id, from: evo.after.from, to: null });
  t.same(c.events, { continued: 1, grown: 0, shrunk: 0, split: 2, merged: 0, born: 0, dissolved: 0 });
  const halves = c.niches.filter((n: { event: string }) => n.event === 'split');
  t.same(halves.map((n: { size: number }) => n.size), [12, 12]);
  t.same(halves.map((n: { corresponds: string | null }) => n.corresponds).sort(), ['n0', null].sort(), 'one half continues n0, the other is new');
  const circleNiche = c.niches.find((n: { size: number }) => n.size === 8);
  t.match(circleNiche, { event: 'continued', corresponds: 'n1', trustedGained: ['stay-7'], trustedLost: ['stay-0'] }, 'the circle trusts stay-7 now, stay-0 before');
  t.same(c.accounts, { inBoth: 32, changedNiche: 12, joined: 0, left: 0 }, 'the half that took the new id changed niche');
  t.ok(c.rose.length >= 1 && c.rose.length <= 3 && c.fell.length >= 1 && c.fell.length <= 3, 'at most `movers` each');
  t.equal(c.rose[0].accountId, 'stay-7', 'the new hub rose most');
  t.ok(c.rose[0].change > 0 && c.rose.every((m: { change: number }, i: number) => i === 0 || m.change <= c.rose[i - 1].change), 'largest rise first');
  t.ok(c.fell.some((m: { accountId: string }) => m.accountId === 'stay-0'), 'the old hub fell');
  t.same(c.dissolved, []);

  const reversed = await app.inject({ url: `/v1/analyses/${first.id}/compare/${second.id}?movers=3` });
  t.same(reversed.json(), c, 'the earlier analysis is `before` whatever the order in the path');
});

t.test('caching: an ETag, 304 when it is current', async (t) => {
  const url = `/v1/analyses/${second.id}/compare/${first.id}`;
  const res = await app.inject({ url });
  t.equal(res.headers['cache-control'], 'private, max-age=60');
  const tag = res.headers.etag as string;
  t.match(tag, /^"[A-Za-z0-9_-]+"$/);
  const again = await app.inject({ url, headers: { 'if-none-match': tag } });
  t.equal(again.statusCode, 304);
  t.equal(again.body, '');
  t.not((await app.inject({ url: `${url}?movers=1` })).headers.etag, tag, 'the query is part of the tag');
});

t.test('errors: unknown, unfinished, another graph, bad movers', async (t) => {
  const unknown = await app.inject({ url: `/v1/analyses/${second.id}/compare/no-such-analysis` });
  t.equal(unknown.statusCode, 404);
  t.match(unknown.json(), { code: 'NG_ANALYSIS_NOT_FOUND' });
  t.equal(unknown.headers['cache-control'], 'no-store');
  const queued = uniqueId('queued');
  await ctx.store.createAnalysis({ id: queued, graphId: g, status: 'queued', params: first.params, createdAt: new Date().toISOString(), startedAt: null, finishedAt: null, error: null, summary: null }, { owner: 'timeline-test', until: null });
  const unfinished = await app.inject({ url: `/v1/analyses/${queued}/compare/${first.id}` });
  t.equal(unfinished.statusCode, 409);
  t.match(unfinished.json(), { code: 'NG_ANALYSIS_NOT_FINISHED' });
  await ctx.store.markFailed(queued, 'test', new Date().toISOString(), 'timeline-test');
  const other = await newGraph(circle(evo.before.from, 'stay-0', 'o'));
  const elsewhere = await analyse(other, {});
  const cross = await app.inject({ url: `/v1/analyses/${second.id}/compare/${elsewhere.id}` });
  t.equal(cross.statusCode, 400);
  t.match(cross.json(), { code: 'NG_VALIDATION', errors: [{ in: 'params', field: 'otherAnalysisId', message: new RegExp(`graph '${g}'`) }] });
  const movers = await app.inject({ url: `/v1/analyses/${second.id}/compare/${first.id}?movers=-1` });
  t.equal(movers.statusCode, 400);
  t.match(movers.json(), { errors: [{ field: 'movers' }] });
  const self = await app.inject({ url: `/v1/analyses/${first.id}/compare/${first.id}` });
  t.match(self.json(), { accounts: { changedNiche: 0 }, rose: [], fell: [], events: { continued: 2 } }, 'an analysis compared with itself: nothing changed');
});
