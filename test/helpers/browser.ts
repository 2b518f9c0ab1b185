/**
 * Debian's Chromium driven by playwright-core (no browser download: executablePath), for the
 * explorer's tests and benchmark. scripts/chromium.mjs installs it with apt-get when it is
 * missing, as scripts/neo4j.mjs assembles Neo4j. Pages are 1280x800; every console error and
 * uncaught page error is recorded, so a test can assert there were none.
 */
import { PNG } from 'pngjs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, ensureChromium } from '../../scripts/chromium.mjs';

export interface WatchedPage {
  page: Page;
  /** Console messages of type error, uncaught exceptions, failed requests and answers >= 400. */
  errors: string[];
}

export async function launchBrowser(): Promise<Browser> {
  const executablePath = ensureChromium();
  return chromium.launch({ executablePath, args: CHROMIUM_ARGS, headless: true });
}

export async function watchedPage(browser: Browser, viewport = { width: 1280, height: 800 }): Promise<WatchedPage> {
  const context = await browser.newContext({ viewport, deviceScaleFactor: 1 });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(`console: ${msg.text()}`);
  });
  page.on('pageerror', (err) => errors.push(`page error: ${err.message}`));
  page.on('requestfailed', (req) => errors.push(`request failed: ${req.method()} ${req.url()} (${req.failure()?.errorText ?? '?'})`));
  page.on('response', (res) => {
    if (res.status() >= 400) errors.push(`HTTP ${res.status()}: ${res.request().method()} ${res.url()}`);
  });
  return { page, errors };
}

export interface PixelCount {
  total: number;
  /** Pixels whose channels differ by more than `minChroma` (not white, grey or black). */
  coloured: number;
  /** Distinct colours among the coloured pixels, quantised to 4 bits a channel. */
  colours: number;
}

/** Counts coloured pixels of a PNG (a blank or grey canvas has none). */
export function countColouredPixels(png: Buffer, minChroma = 40): PixelCount {
  const image = PNG.sync.read(png);
  let coloured = 0;
  const seen = new Set<number>();
  for (let p = 0; p < image.data.length; p += 4) {
    const r = image.data[p]!;
    const g = image.data[p + 1]!;
    const b = image.data[p + 2]!;
    if (Math.max(r, g, b) - Math.min(r, g, b) > minChroma) {
      coloured++;
      seen.add(((r >> 4) << 8) | ((g >> 4) << 4) | (b >> 4));
    }
  }
  return { total: image.width * image.height, coloured, colours: seen.size };
}
