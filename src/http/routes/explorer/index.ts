/**
 * The niche explorer page (web/, built by `npm run build` into dist/explorer):
 *   GET /explorer               the page (deep link: /explorer?analysis=<id>)
 *   GET /explorer/assets/<file> its script and style sheet, content-hashed names, cached for good
 * Open routes like /docs: the page holds no data; it calls the public API itself with the
 * key typed into it (Authorization: Bearer, kept in sessionStorage). Everything is served
 * from this process (no CDN); a strict Content-Security-Policy allows nothing else
 * (FA2's web worker is started from a blob: URL).
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyPluginAsync } from 'fastify';
import { routePlugin } from '../../route-plugin.js';
import { Errors } from '../../../errors.js';

export const EXPLORER_PATH = '/explorer';
export const ASSETS_PREFIX = '/explorer/assets/';

const CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "worker-src 'self' blob:",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "font-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** dist/explorer beside the package.json above this file (src/http or dist/src/http). */
export function defaultExplorerDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    if (existsSync(join(dir, 'package.json'))) return join(dir, 'dist', 'explorer');
    dir = dirname(dir);
  }
  return resolve('dist', 'explorer');
}

const explorerRoutes: FastifyPluginAsync<{ dir?: string; authRequired: boolean }> = async (app, options) => {
  // Whether this service lists a graph's analyses (the page's analysis picker), so that the
  // page never probes a route that is not there. Route plugins registered earlier are known.
  const analysisList = app.hasRoute({ method: 'GET', url: '/v1/graphs/:graphId/analyses' });
  const dir = options.dir && options.dir !== '' ? resolve(options.dir) : defaultExplorerDir();
  const indexPath = join(dir, 'index.html');
  // Read again when a build has replaced it (its asset names change with their content).
  let page: { html: string; mtimeMs: number } | null = null;
  const loadPage = (): string => {
    let mtimeMs: number;
    try {
      mtimeMs = statSync(indexPath).mtimeMs;
    } catch {
      throw new Errors.EXPLORER_NOT_BUILT(dir);
    }
    if (page === null || page.mtimeMs !== mtimeMs) {
      const html = readFileSync(indexPath, 'utf8')
        .replace('%AUTH%', options.authRequired ? 'required' : 'off')
        .replace('%ANALYSIS_LIST%', analysisList ? 'on' : 'off');
      page = { html, mtimeMs };
    }
    return page.html;
  };

  app.get(EXPLORER_PATH, { schema: { hide: true } }, async (_req, reply) =>
    reply
      .type('text/html; charset=utf-8')
      .header('content-security-policy', CSP)
      .header('x-content-type-options', 'nosniff')
      .header('referrer-policy', 'no-referrer')
      .header('cache-control', 'no-cache')
      .send(loadPage()),
  );

  await app.register(fastifyStatic, {
    // Only the assets folder: the page itself goes out through /explorer, filled in and with its CSP.
    root: join(dir, 'assets'),
    prefix: ASSETS_PREFIX,
    decorateReply: false,
    index: false,
    wildcard: true,
    // Names carry a content hash (scripts/build-explorer.mjs): cache for good.
    immutable: true,
    maxAge: '365d',
    setHeaders: (reply) => {
      reply.header('x-content-type-options', 'nosniff');
    },
    schemaHide: true,
  });
};

export default routePlugin('explorer-routes', explorerRoutes);
