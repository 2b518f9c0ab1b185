/**
 * The explorer in a real browser: Debian's Chromium driven by playwright-core (installed by
 * scripts/chromium.mjs when missing), the page built by scripts/build-explorer.mjs and served
 * by the real app on a real port, on an analysis of email-eu-core (1,005 people) ingested
 * through the API into the real Neo4j.
 *
 * It draws a map (coloured pixels of a screenshot are counted, so a blank or grey canvas
 * fails), lists the largest niche with its trusted members as the API has them, opens the
 * account panel on a search and on a click on a node, drills into a niche, shows whom to
 * equip, and logs no console error, failed request or error answer. The 1280x800
 * screenshot is the README's (docs/explorer.png) when EXPLORER_SCREENSHOT names a path.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import t from 'tap';
import { countColouredPixels, launchBrowser, watchedPage } from '../helpers/browser.js';
import { startTestApp, uniqueId } from '../helpers/app.js';
import { loadEmailEuCore, repoRoot } from '../helpers/datasets.js';

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
  payload: { interactions: email.edges.filter((e) => e.source !== e.target), accounts: [...email.departments.keys()].map((id) => ({ id })) },
});
expect(ingested.statusCode === 200, ingested.body.slice(0, 200));
const analysis = (await app.inject({ method: 'POST', url: `/v1/graphs/${graphId}/analyses?wait=60`, payload: { seed: 42 } })).json();
expect(analysis.status === 'succeeded', `analysis ${analysis.status} ${analysis.error ?? ''}`);
const niches = (await app.inject(`/v1/analyses/${analysis.id}/niches?limit=5`)).json();
const largest = niches.items[0];

const address = await app.listen({ host: '127.0.0.1', port: 0 });
const browser = await launchBrowser();
t.teardown(() => browser.close());
const { page, errors } = await watchedPage(browser);

type Probe = { maps: Array<{ drawnAt: number; nodes: number; view: string }>; ready: boolean; nodes: () => string[]; nodePosition: (n: string) => { x: number; y: number } | null };
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
  t.ok(pixels.coloured > pixels.total * 0.01, 'at least 1% of the map is coloured');
  t.ok(pixels.colours >= 6, 'several niche colours');
  if (process.env.EXPLORER_SCREENSHOT) writeFileSync(process.env.EXPLORER_SCREENSHOT, await page.screenshot());
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

t.test('no console error, failed request or error answer', async (t) => {
  t.same(errors, []);
});
