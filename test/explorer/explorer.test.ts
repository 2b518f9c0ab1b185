/**
 * The explorer in a real browser: Debian's Chromium driven by playwright-core (installed by
 * scripts/chromium.mjs when missing), the page built by scripts/build-explorer.mjs and served
 * by the real app on a real port, on an analysis of email-eu-core (1,005 people) ingested
 * through the API into the real Neo4j.
 *
 * It draws a map (coloured pixels of a screenshot are counted, so a blank or grey canvas
 * fails), lists the largest niche with its trusted members as the API has them, opens the
 * account panel on a search and on a click on a node, drills into a niche, shows whom to
 * equip, and logs no console error, failed request or error answer. Communities show as
 * groups of niches (on the accounts map, with "Colour by community", and on the niche-level
 * map, each community in one colour and its niches together). With API keys on, the page asks
 * for a key and sends it only as a Bearer header, never in a URL, kept for the tab. The 1280x800
 * screenshot is the README's (docs/explorer.png) when EXPLORER_SCREENSHOT names a path.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import t, { type Test } from 'tap';
import { countColouredPixels, launchBrowser, watchedPage } from '../helpers/browser.js';
import { finishedAnalysis, startTestApp, uniqueId } from '../helpers/app.js';
import { loadEmailEuCore, repoRoot } from '../helpers/datasets.js';
import { sha256Hex } from '../../src/http/api-keys.js';

execFileSync(process.execPath, [path.join(repoRoot, 'scripts', 'build-explorer.mjs'), '--if-stale'], { stdio: 'inherit' });

const ctx = await startTestApp();
t.teardown(() => ctx.close());
const { app } = ctx;

function expect(ok: boolean, what: string): void {
  if (!ok) throw new Error(`set-up failed: ${what}`);
}

const email = loadEmailEuCore();
const graphId = uniqueId('explorer');
t.teardown(async () => {
  await app.inject({ method: 'DELETE', url: `/v1/graphs/${graphId}` });
});
expect((await app.inject({ method: 'POST', url: '/v1/graphs', payload: { id: graphId, name: 'email-eu-core' } })).statusCode === 201, 'graph');
const ingested = await app.inject({
  method: 'POST',
  url: `/v1/graphs/${graphId}/interactions`,
  // email-eu-core has no times: each e-mail gets a made-up one (spread over 26 weeks by a
  // fixed rule) so that the niche cards' activity charts have something to draw. Without a
  // time window or decay the analysis is the same as without them.
  payload: {
    interactions: email.edges
      .filter((e) => e.source !== e.target)
      .map((e, i) => ({ ...e, timestamp: new Date(Date.UTC(2026, 0, 5) + ((i * 7919) % 182) * 86_400_000 + (i % 24) * 3_600_000).toISOString() })),
    accounts: [...email.departments.keys()].map((id) => ({ id })),
  },
});
expect(ingested.statusCode === 200, ingested.body.slice(0, 200));
const analysis = await finishedAnalysis(app, graphId, { seed: 42 });
expect(analysis.status === 'succeeded', `analysis ${analysis.status} ${analysis.error ?? ''}`);
const niches = (await app.inject(`/v1/analyses/${analysis.id}/niches?limit=5`)).json();
const largest = niches.items[0];

const address = await app.listen({ host: '127.0.0.1', port: 0 });
const browser = await launchBrowser();
t.teardown(() => browser.close());
const { page, errors } = await watchedPage(browser);

type Probe = {
  maps: Array<{ drawnAt: number; nodes: number; view: string }>;
  ready: boolean;
  nodes: () => string[];
  nodePosition: (n: string) => { x: number; y: number } | null;
  communityPurity: () => { purity: number; chance: number; counted: number };
  nodeAttributes: (keys: string[]) => Array<Record<string, any>>;
};

/** Per group (e.g. community): the one colour its nodes have; fails if a group has several. */
function colourPerGroup(t: Test, nodes: Array<Record<string, any>>, key: string): Map<string, string> {
  const colours = new Map<string, Set<string>>();
  for (const n of nodes) if (n[key]) colours.set(n[key], (colours.get(n[key]) ?? new Set()).add(n.color));
  const mixed = [...colours].filter(([, c]) => c.size !== 1).map(([g]) => g);
  t.same(mixed, [], `every ${key} in one colour`);
  return new Map([...colours].map(([g, c]) => [g, [...c][0]!]));
}
/** Runs `fn` in the page on its test hooks (window.__explorer). */
const probe = <T>(fn: (p: Probe) => T) => page.evaluate(`(${fn.toString()})(window.__explorer)`) as Promise<T>;

t.test('opens on a deep link and draws the map of every account, coloured by niche', async (t) => {
  await page.goto(`${address}/explorer?analysis=${analysis.id}`);
  try {
    await page.waitForFunction(() => {
      const p = (globalThis as unknown as { __explorer?: Probe }).__explorer;
      return p?.ready === true && p.maps.some((m) => m.drawnAt > 0);
    }, undefined, { timeout: 60_000 });
  } catch (err) {
    t.comment(`page state: ${await page.evaluate('JSON.stringify({ ready: window.__explorer?.ready, maps: window.__explorer?.maps, status: document.querySelector("#status")?.textContent })')}; errors: ${errors.join(' | ')}`);
    throw err;
  }
  const map = await probe((p) => p.maps.at(-1)!);
  t.equal(map.view, 'accounts');
  t.equal(map.nodes, analysis.summary.accounts);
  // Let a frame or two pass, then count: a blank, white or grey canvas has no coloured pixel.
  await page.waitForTimeout(300);
  const pixels = countColouredPixels(await page.locator('#map').screenshot());
  t.comment(`map: ${pixels.coloured} coloured pixels of ${pixels.total}, ${pixels.colours} colours`);
  // A blank, white or grey canvas has none; the map's niches (small discs of dots with room
  // between communities, accounts in no niche on a sparse outer ring) cover a few per mille.
  t.ok(pixels.coloured > pixels.total * 0.0025, 'at least 0.25% of the map is coloured');
  t.ok(pixels.colours >= 6, 'several niche colours');
  if (process.env.EXPLORER_SCREENSHOT) writeFileSync(process.env.EXPLORER_SCREENSHOT, await page.screenshot());
});

t.test('readable at 1280x800: nothing scrolls sideways, the map and the panel side by side, text of 11 px and up', async (t) => {
  const layout = (await page.evaluate(`(() => {
    const box = (sel) => { const r = document.querySelector(sel).getBoundingClientRect(); return { left: r.left, right: r.right, top: r.top, bottom: r.bottom, width: r.width, height: r.height }; };
    const sizes = [...document.querySelectorAll('body *')]
      .filter((el) => el.childNodes.length > 0 && [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim() !== '') && el.getClientRects().length > 0)
      .map((el) => parseFloat(getComputedStyle(el).fontSize));
    return { scrollWidth: document.documentElement.scrollWidth, map: box('#map'), sidebar: box('#sidebar'), header: box('header.top'), smallest: Math.min(...sizes) };
  })()`)) as { scrollWidth: number; map: any; sidebar: any; header: any; smallest: number };
  t.ok(layout.scrollWidth <= 1280, `page width ${layout.scrollWidth} px`);
  t.ok(layout.header.height < 60, `the header on one line (${layout.header.height} px)`);
  t.ok(layout.map.width >= 600 && layout.map.height >= 400, `map ${layout.map.width}x${layout.map.height}`);
  t.ok(layout.map.right <= layout.sidebar.left && layout.sidebar.right <= 1280 && layout.sidebar.width >= 400, 'the panel beside the map, inside the window');
  t.ok(layout.map.bottom <= 800, 'the map inside the window');
  t.ok(layout.smallest >= 11, `smallest text ${layout.smallest} px`);
});

t.test('communities are groups of niches on the accounts map; "Colour by community" colours them', async (t) => {
  // The niches of one community sit together: an account's nearest account of another niche
  // is mostly of its own community, far more often than if niches were placed at random.
  const grouping = await probe((p) => p.communityPurity());
  t.comment(`community grouping: ${grouping.purity.toFixed(2)} (chance ${grouping.chance.toFixed(2)}) over ${grouping.counted} accounts`);
  t.ok(grouping.counted > 100, 'communities with several niches');
  t.ok(grouping.purity >= 0.6 && grouping.purity >= grouping.chance + 0.3, 'niches of a community drawn together');
  await page.locator('#view-colour').click();
  t.equal(await page.locator('#view-colour').getAttribute('aria-pressed'), 'true');
  const nodes = await probe((p) => p.nodeAttributes(['color', 'community', 'communityColour']));
  t.ok(nodes.every((n) => n.color === n.communityColour), 'every account in its community colour');
  const colours = colourPerGroup(t, nodes, 'community');
  t.ok(colours.size >= 3, `${colours.size} communities`);
  // Tol's muted palette has nine colours: the nine largest communities are told apart.
  t.equal(new Set([...colours.values()].slice(0, 9)).size, Math.min(9, colours.size), 'distinct colours for the largest communities');
  t.match(await page.locator('#view-label').textContent(), /coloured by community/);
  await page.locator('#view-colour').click();
  t.ok((await probe((p) => p.nodeAttributes(['color', 'nicheColour']))).every((n) => n.color === n.nicheColour), 'back to niche colours');
});

t.test('lists the largest niche first with its trusted members', async (t) => {
  const card = page.locator('.card').first();
  t.equal(await card.getAttribute('data-niche'), largest.id);
  t.match(await card.locator('h3').textContent(), largest.id);
  t.match(await card.textContent(), `${largest.size} members`);
  const trusted = await card.locator('.trusted li button').allTextContents();
  t.same(trusted, largest.trusted.map((m: { accountId: string }) => m.accountId), 'the trusted members, in order');
  t.ok(trusted.length > 0);
});

t.test("the largest niche's card draws its activity per week as bars, and per day on request", async (t) => {
  const card = page.locator('.card').first();
  const bars = card.locator('.activity-chart[data-bucket="week"] svg rect');
  await bars.first().waitFor({ timeout: 30_000 });
  const week = (await app.inject(`/v1/analyses/${analysis.id}/niches/${largest.id}/activity?bucket=week`)).json();
  const drawn = await bars.evaluateAll((rects) => rects.map((r) => ({ events: Number(r.getAttribute('data-events')), height: Number(r.getAttribute('height')) })));
  t.equal(drawn.length, week.buckets.filter((b: { events: number }) => b.events > 0).length, 'one bar per week with events');
  t.ok(drawn.length > 1, `${drawn.length} bars`);
  t.ok(drawn.every((b) => b.events > 0 && b.height >= 2), 'every bar non-zero and visible');
  t.equal(drawn.reduce((s, b) => s + b.events, 0), week.events - week.earlierEvents, 'the bars add up to the events the API counted');
  t.equal(week.events, largest.events, "the API's total is the niche's internal events");
  t.match(await card.locator('.activity-bars').getAttribute('aria-label'), /^Events between members per week/);
  await card.getByRole('button', { name: 'by day' }).click();
  await card.locator('.activity-chart[data-bucket="day"] svg rect').first().waitFor({ timeout: 30_000 });
  t.equal(await card.getByRole('button', { name: 'by day' }).getAttribute('aria-pressed'), 'true');
  await card.getByRole('button', { name: 'by week' }).click();
  await card.locator('.activity-chart[data-bucket="week"]').waitFor({ timeout: 30_000 });
});

t.test('opens the account panel on a search', async (t) => {
  const target = largest.trusted[0].accountId as string;
  await page.locator('#search').fill(target);
  await page.locator('#search').press('Enter');
  const panel = page.locator('#account-body .account');
  await panel.waitFor();
  t.equal(await panel.locator('h3').textContent(), target);
  const expected = (await app.inject(`/v1/analyses/${analysis.id}/accounts/${target}`)).json();
  t.equal(await panel.locator('[data-testid="account-score"]').textContent(), expected.scores.score.toFixed(2));
  t.match(await panel.textContent(), expected.explanation.slice(0, 40));
  t.equal(await page.locator('#tab-account').getAttribute('aria-selected'), 'true');
});

t.test('opens the account panel on a click on a node', async (t) => {
  await page.keyboard.press('Escape');
  await page.waitForTimeout(200);
  // The largest nodes first: a click lands on the node drawn on top.
  const candidates = (await probe((p) => p.nodes())).slice(0, 40);
  let opened: string | null = null;
  for (const node of candidates) {
    const at = await page.evaluate((n) => (globalThis as unknown as { __explorer: Probe }).__explorer.nodePosition(n), node);
    if (!at) continue;
    await page.mouse.click(at.x, at.y);
    try {
      await page.waitForFunction((n) => (globalThis as any).document.querySelector('#account-body .account h3')?.textContent === n, node, { timeout: 3000 });
      opened = node;
      break;
    } catch {
      // Covered by another node: try the next one.
    }
  }
  t.ok(opened !== null, `a click on a node opened its panel (${opened})`);
});

t.test('drills into the largest niche and shows whom to equip', async (t) => {
  await page.locator('#tab-niches').click();
  await page.locator('.card').first().getByRole('button', { name: 'Show members on map' }).click();
  await page.waitForFunction(() => (globalThis as unknown as { __explorer: Probe }).__explorer.maps.some((m) => m.view === 'niche' && m.drawnAt > 0), undefined, { timeout: 30_000 });
  const drill = await probe((p) => p.maps.filter((m) => m.view === 'niche').at(-1)!);
  t.equal(drill.nodes, largest.size);
  await page.waitForTimeout(300);
  const pixels = countColouredPixels(await page.locator('#map').screenshot());
  t.ok(pixels.coloured > 500, `the niche is drawn (${pixels.coloured} coloured pixels)`);
  await page.locator('.card').first().getByRole('button', { name: 'Whom to equip here' }).click();
  await page.locator('.ambassador-list li').first().waitFor();
  const items = await page.locator('.ambassador-list li').count();
  t.ok(items > 0, `${items} ambassadors listed`);
  t.match(await page.locator('#ambassador-scope').textContent(), `niche ${largest.id}`);
});

t.test('keyboard: the tabs move with the arrow keys, "/" focuses the search', async (t) => {
  await page.locator('#tab-niches').focus();
  await page.keyboard.press('ArrowRight');
  t.equal(await page.locator('#tab-ambassadors').getAttribute('aria-selected'), 'true');
  await page.locator('body').click({ position: { x: 5, y: 790 } });
  await page.keyboard.press('/');
  t.equal(await page.evaluate(() => (globalThis as any).document.activeElement?.id), 'search');
});

t.test('the niche-level map: one node per niche, coloured by community, each community together', async (t) => {
  const graph = (await app.inject(`/v1/analyses/${analysis.id}/niche-graph`)).json();
  const niches = graph.niches.filter((n: { unassigned: boolean }) => !n.unassigned);
  await page.locator('#view-niches').click();
  await page.waitForFunction(() => (globalThis as unknown as { __explorer: Probe }).__explorer.maps.some((m) => m.view === 'niches' && m.drawnAt > 0), undefined, { timeout: 30_000 });
  const drawn = await probe((p) => p.maps.filter((m) => m.view === 'niches').at(-1)!);
  t.equal(drawn.nodes, niches.length, 'every niche');
  const nodes = await probe((p) => p.nodeAttributes(['color', 'community', 'x', 'y']));
  const want = new Map(niches.map((n: { id: string; communityId: string }) => [n.id, n.communityId]));
  t.ok(nodes.every((n) => n.community === want.get(n.node)), "each niche with its community");
  const colours = colourPerGroup(t, nodes, 'community');
  t.equal(new Set([...colours.values()]).size, Math.min(9, graph.communities.length), 'communities told apart by colour');
  // A niche's nearest niche on the map is mostly of its own community (where it has several).
  const several = new Set(graph.communities.filter((c: { niches: number }) => c.niches > 1).map((c: { id: string }) => c.id));
  let same = 0;
  let counted = 0;
  for (const a of nodes) {
    if (!several.has(a.community)) continue;
    let best = Infinity;
    let nearest: Record<string, any> | null = null;
    for (const b of nodes) {
      const d = (a.x - b.x) ** 2 + (a.y - b.y) ** 2;
      if (b !== a && d < best) [best, nearest] = [d, b];
    }
    counted++;
    if (nearest?.community === a.community) same++;
  }
  t.comment(`${same} of ${counted} niches nearest to a niche of their own community`);
  t.ok(counted >= 10 && same / counted >= 0.6, 'communities drawn as groups of niches');
  await page.waitForTimeout(300);
  const pixels = countColouredPixels(await page.locator('#map').screenshot());
  t.ok(pixels.coloured > 1000, `the niches are drawn (${pixels.coloured} coloured pixels)`);
  // A click on the largest niche's node drills into its members and their ties.
  const at = await page.evaluate((n) => (globalThis as unknown as { __explorer: Probe }).__explorer.nodePosition(n), largest.id);
  t.ok(at, 'the largest niche is on the map');
  const drills = await probe((p) => p.maps.filter((m) => m.view === 'niche').length);
  await page.mouse.click(at!.x, at!.y);
  await page.waitForFunction((before) => (globalThis as unknown as { __explorer: Probe }).__explorer.maps.filter((m) => m.view === 'niche' && m.drawnAt > 0).length > before, drills, { timeout: 30_000 });
  t.equal((await probe((p) => p.maps.at(-1)!)).nodes, largest.size, 'its members drawn');
  t.match(await page.locator('#view-label').textContent(), `niche ${largest.id}:`);
});

t.test('whom to equip in a community: the card\'s button lists the community\'s picks', async (t) => {
  await page.locator('#tab-niches').click();
  const card = page.locator('.card').first();
  const community = largest.communityId as string;
  await card.getByRole('button', { name: `Whom to equip in ${community}` }).click();
  await page.waitForFunction((c) => (globalThis as any).document.querySelector('#ambassador-scope')?.textContent === `in community ${c}`, community, { timeout: 30_000 });
  const shown = await page.locator('.ambassador-list li > div > button').allTextContents();
  const budget = Number(await page.locator('#budget').inputValue());
  const expected = (await app.inject(`/v1/analyses/${analysis.id}/ambassadors?budget=${budget}&community=${community}`)).json();
  t.ok(shown.length > 0, `${shown.length} picks`);
  t.same(shown, expected.items.map((a: { accountId: string }) => a.accountId), "the API's picks for the community, in order");
  t.ok(expected.items.every((a: { communityId: string }) => a.communityId === community), 'all in that community');
  // A new budget keeps the scope.
  await page.locator('#budget').selectOption('5');
  await page.waitForFunction(() => (globalThis as any).document.querySelectorAll('.ambassador-list li').length <= 5, undefined, { timeout: 30_000 });
  t.equal(await page.locator('#ambassador-scope').textContent(), `in community ${community}`);
});

t.test('keyboard: Tab alone reaches the pickers, the search, the map toolbar, the panel tabs and the cards', async (t) => {
  await page.locator('#tab-niches').click();
  // From the page's first focusable element (the skip link), as a keyboard user starts.
  await page.locator('a.skip').focus();
  const reached = new Set<string>();
  for (let i = 0; i < 60; i++) {
    await page.keyboard.press('Tab');
    reached.add(await page.evaluate(() => {
      const el = (globalThis as any).document.activeElement;
      return el?.id || `${el?.tagName}:${(el?.textContent ?? '').trim().slice(0, 40)}`;
    }));
  }
  t.comment(`reached by Tab: ${[...reached].slice(0, 16).join(', ')}`);
  for (const id of ['graph-select', 'analysis-select', 'search', 'view-accounts', 'view-niches', 'view-between', 'view-reset', 'tab-niches']) t.ok(reached.has(id), `#${id} reachable`);
  t.ok([...reached].some((r) => r === 'BUTTON:Show members on map'), 'a niche card\'s buttons reachable');
  t.ok([...reached].some((r) => r === 'BUTTON:by day'), "a card's activity switch reachable");
  t.ok([...reached].some((r) => r === `BUTTON:${largest.trusted[0].accountId}`), 'a trusted member reachable');
});

t.test('no console error, failed request or error answer', async (t) => {
  t.same(errors, []);
});

t.test('the graph and analysis pickers open an analysis; a later analysis shows each niche\'s history', async (t) => {
  // A second analysis of the graph: its baseline is the first (the default rule), so its niches carry a lineage.
  const later = await finishedAnalysis(app, graphId, { seed: 43 });
  t.equal(later.status, 'succeeded');
  // A newer graph, listed after this one (oldest first): with pages of one graph, the picker must page to list both.
  const newer = uniqueId('explorer-newer');
  t.equal((await app.inject({ method: 'POST', url: '/v1/graphs', payload: { id: newer, name: 'newer' } })).statusCode, 201);
  t.teardown(async () => {
    await app.inject({ method: 'DELETE', url: `/v1/graphs/${newer}` });
  });
  const { page: p, errors: problems } = await watchedPage(browser);
  await p.goto(`${address}/explorer?graphPage=1`);
  await p.locator(`#graph-select option[value="${newer}"]`).waitFor({ state: 'attached', timeout: 30_000 });
  await p.locator(`#graph-select option[value="${graphId}"]`).waitFor({ state: 'attached', timeout: 30_000 });
  await p.locator('#graph-select').selectOption(graphId);
  await p.locator(`#analysis-select option[value="${later.id}"]`).waitFor({ state: 'attached', timeout: 30_000 });
  t.equal(await p.locator('#analysis-select option').nth(1).getAttribute('value'), later.id, 'newest first');
  await p.locator('#analysis-select').selectOption(later.id);
  await p.waitForFunction(() => (globalThis as unknown as { __explorer: Probe }).__explorer.ready, undefined, { timeout: 60_000 });
  t.match(p.url(), `analysis=${later.id}`, 'the address bar deep-links the chosen analysis');
  const first = (await app.inject(`/v1/analyses/${later.id}/niches?limit=1`)).json().items[0];
  t.ok(first.lineage, 'the API gives the niche a lineage');
  const history = await p.locator('.card').first().locator('.lineage').textContent();
  t.match(history, new RegExp(`^History: ${first.lineage.event}`));
  for (const f of first.lineage.from) t.match(history, f.nicheId);
  t.same(problems, [], 'no console error on this page either');
  await p.context().close();
});

t.test('with API keys on: the page asks for a key, sends it as a Bearer header only, keeps it for the tab', async (t) => {
  const KEY = `ng-explorer-${uniqueId('key')}`;
  const keyed = await startTestApp({ API_KEYS: `read:${sha256Hex(KEY)}` });
  t.teardown(() => keyed.close());
  const at = await keyed.app.listen({ host: '127.0.0.1', port: 0 });
  const { page: p, errors: problems } = await watchedPage(browser);
  const requests: Array<{ url: string; authorization: string | undefined }> = [];
  p.on('request', (r) => void r.allHeaders().then((h) => requests.push({ url: r.url(), authorization: h.authorization })));
  await p.goto(`${at}/explorer?analysis=${analysis.id}`);
  await p.locator('#api-key').waitFor({ state: 'visible' });
  t.match(await p.locator('#status').textContent(), /needs an API key/);
  // Chromium also logs each refused fetch on the console.
  const refused = problems.filter((e) => !/^HTTP 401: GET .*\/v1\//.test(e) && !/^console: Failed to load resource: .* 401/.test(e));
  t.same(refused, [], 'only 401 answers before the key');
  await p.locator('#api-key').fill(KEY);
  await p.locator('#api-key').press('Enter');
  await p.waitForFunction(() => (globalThis as unknown as { __explorer: Probe }).__explorer.maps.some((m) => m.drawnAt > 0), undefined, { timeout: 60_000 });
  await p.locator('.card').first().waitFor();
  t.equal(await p.locator('.card').first().getAttribute('data-niche'), largest.id, 'the niches read with the key');
  await p.waitForTimeout(200);
  const api = requests.filter((r) => new URL(r.url).pathname.startsWith('/v1/'));
  const withKey = api.filter((r) => r.authorization === `Bearer ${KEY}`);
  t.ok(withKey.length >= 3, `${withKey.length} API requests with the Bearer header`);
  t.same(api.filter((r) => r.authorization !== undefined && r.authorization !== `Bearer ${KEY}`), [], 'no other authorization');
  t.same(requests.filter((r) => r.url.includes(KEY) || r.url.includes(encodeURIComponent(KEY))), [], 'the key in no URL');
  t.notOk(p.url().includes(KEY), 'nor in the address bar');
  t.equal(await p.evaluate(() => (globalThis as any).sessionStorage.getItem('nichegraph.apiKey')), KEY, 'kept in sessionStorage');
  t.equal(await p.evaluate(() => JSON.stringify((globalThis as any).localStorage).includes('ng-explorer-')), false, 'not in localStorage');
  // Another tab of the same browser profile starts without it.
  const other = await p.context().newPage();
  await other.goto(`${at}/explorer?analysis=${analysis.id}`);
  await other.locator('#api-key').waitFor({ state: 'visible' });
  t.equal(await other.evaluate(() => (globalThis as any).sessionStorage.getItem('nichegraph.apiKey')), null, 'another tab has no key');
  await p.context().close();
});
