/**
 * API keys: `Authorization: Bearer <key>`, checked against API_KEYS entries
 * `<scope>:<sha256 hex of the key>[:<graph>|<graph>...]` (several entries at once, so a
 * key can be rotated without downtime). Only hashes are configured; the key itself is
 * never stored or logged (the logger redacts the header, and a key is named in logs by
 * `keyId`, the first 12 hex digits of its hash).
 *
 * Scopes are ordered read < write < admin. GET/HEAD need read, every other method
 * write, /metrics admin. Health routes, /docs and /openapi.yaml stay open.
 * Missing or unknown key -> 401 NG_UNAUTHORIZED (with WWW-Authenticate); scope too low ->
 * 403 NG_FORBIDDEN.
 *
 * A key with a graph allow-list sees only those graphs: any other graph, and any analysis
 * of another graph, answers 404 as if it did not exist (so ids cannot be probed), and
 * GET /v1/graphs lists only allowed graphs (visibleGraphs() below). Creating a graph
 * outside the list is 403 NG_GRAPH_NOT_ALLOWED.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Errors } from '../errors.js';
import type { GraphStore } from '../store/port.js';

export type Scope = 'read' | 'write' | 'admin';
const RANK: Record<Scope, number> = { read: 1, write: 2, admin: 3 };

export interface Principal {
  /** First 12 hex digits of the key's hash ("anonymous" when auth is off): safe to log. */
  id: string;
  scope: Scope;
  /** Graph allow-list; null = every graph. */
  graphs: ReadonlySet<string> | null;
}

interface KeyEntry extends Principal {
  hash: Buffer;
}

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
  }
}

const GRAPH_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** Parses API_KEYS; throws naming the offending entry by position (never echoing it). */
export function parseApiKeys(value: string): KeyEntry[] {
  const entries = value
    .split(',')
    .map((e) => e.trim())
    .filter((e) => e !== '');
  return entries.map((entry, i) => {
    const [scope, hash, graphs, ...rest] = entry.split(':');
    const where = `API_KEYS entry #${i + 1}`;
    if (scope !== 'read' && scope !== 'write' && scope !== 'admin') {
      throw new Error(`${where}: scope must be read, write or admin`);
    }
    if (hash === undefined || !/^[0-9a-fA-F]{64}$/.test(hash)) {
      throw new Error(`${where}: expected the 64 hex digits of the key's SHA-256 after the scope`);
    }
    if (rest.length > 0) throw new Error(`${where}: too many ':'-separated parts`);
    let allowed: Set<string> | null = null;
    if (graphs !== undefined) {
      const ids = graphs.split('|').filter((g) => g !== '');
      const bad = ids.find((g) => !GRAPH_ID.test(g));
      if (ids.length === 0 || bad !== undefined) throw new Error(`${where}: graph allow-list must be graph ids separated by |`);
      allowed = new Set(ids);
    }
    const lower = hash.toLowerCase();
    return { id: lower.slice(0, 12), scope, graphs: allowed, hash: Buffer.from(lower, 'hex') };
  });
}

export function sha256Hex(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

export function isLoopbackHost(host: string): boolean {
  const h = host.trim().toLowerCase().replace(/^\[|\]$/g, '');
  return h === 'localhost' || h === '::1' || /^127(\.\d{1,3}){3}$/.test(h) || h === '::ffff:127.0.0.1';
}

export type AuthMode = { enabled: true; keys: number } | { enabled: false; reason: string };

/**
 * Whether the service may start with this configuration. Without API_KEYS it is open
 * only on a loopback address, or anywhere with AUTH_DISABLED=true; otherwise it throws.
 */
export function authMode(config: { API_KEYS: string; AUTH_DISABLED: boolean; HOST: string }): AuthMode {
  const keys = parseApiKeys(config.API_KEYS);
  if (keys.length > 0) return { enabled: true, keys: keys.length };
  if (isLoopbackHost(config.HOST)) {
    return { enabled: false, reason: `API_KEYS is unset and HOST ${config.HOST} is a loopback address: the API is open to local callers only` };
  }
  if (config.AUTH_DISABLED) {
    return { enabled: false, reason: `API_KEYS is unset and AUTH_DISABLED=true: the API on ${config.HOST} is open to anyone who can reach it` };
  }
  throw new Error(
    `API_KEYS is unset but HOST ${config.HOST} is not a loopback address; set API_KEYS, bind to 127.0.0.1, ` +
      'or set AUTH_DISABLED=true if a trusted proxy authenticates callers',
  );
}

const OPEN_ROUTES = new Set(['/health/live', '/health/ready', '/openapi.yaml']);

/** Routes that need no key: health, the spec and its browser, the explorer page (it holds no data). */
export function isOpenRoute(url: string | undefined): boolean {
  if (url === undefined) return false;
  return OPEN_ROUTES.has(url) || url === '/docs' || url.startsWith('/docs/') || url === '/explorer' || url.startsWith('/explorer/');
}

export function requiredScope(method: string, url: string): Scope {
  if (url === '/metrics') return 'admin';
  return method === 'GET' || method === 'HEAD' ? 'read' : 'write';
}

const ANONYMOUS: Principal = { id: 'anonymous', scope: 'admin', graphs: null };
const BEARER = /^Bearer[ ]+([\x21-\x7e]{1,512})$/i;

function findKey(keys: KeyEntry[], presented: string): KeyEntry | undefined {
  const digest = createHash('sha256').update(presented, 'utf8').digest();
  let found: KeyEntry | undefined;
  // Compare with every entry (no early exit), in constant time per entry.
  for (const k of keys) if (timingSafeEqual(k.hash, digest) && found === undefined) found = k;
  return found;
}

/** The allow-list of the caller as an array for store queries; null = every graph. */
export function visibleGraphs(req: FastifyRequest): string[] | null {
  const graphs = req.principal?.graphs;
  return graphs ? [...graphs] : null;
}

export function registerAuth(app: FastifyInstance, options: { apiKeys: string; store: GraphStore }): void {
  const keys = parseApiKeys(options.apiKeys);
  app.decorateRequest('principal', null);

  app.addHook('onRequest', async (req, reply) => {
    const path = req.url.split('?')[0] ?? req.url;
    if (isOpenRoute(req.routeOptions.url ?? path)) return;
    if (keys.length === 0) {
      req.principal = ANONYMOUS;
      return;
    }
    const header = req.headers.authorization;
    const match = typeof header === 'string' ? BEARER.exec(header) : null;
    const key = match ? findKey(keys, match[1]!) : undefined;
    if (!key) {
      reply.header('www-authenticate', 'Bearer realm="nichegraph"');
      req.log.info({ reason: header === undefined ? 'no key' : 'unknown key' }, 'unauthenticated request');
      throw new Errors.UNAUTHORIZED();
    }
    req.principal = { id: key.id, scope: key.scope, graphs: key.graphs };
    const needed = requiredScope(req.method, req.routeOptions.url ?? path);
    if (RANK[key.scope] < RANK[needed]) {
      throw new Errors.FORBIDDEN(key.scope, needed);
    }
  });

  // After validation, so ids are well-formed: hide what the allow-list does not cover.
  app.addHook('preHandler', async (req) => {
    const graphs = req.principal?.graphs;
    if (!graphs) return;
    const params = (req.params ?? {}) as Record<string, unknown>;
    if (typeof params.graphId === 'string' && !graphs.has(params.graphId)) {
      throw new Errors.GRAPH_NOT_FOUND(params.graphId);
    }
    if (typeof params.analysisId === 'string') {
      const analysis = await options.store.getAnalysis(params.analysisId);
      if (analysis && !graphs.has(analysis.graphId)) throw new Errors.ANALYSIS_NOT_FOUND(params.analysisId);
    }
    if (req.method === 'POST' && req.routeOptions.url === '/v1/graphs') {
      const id = (req.body as { id?: unknown } | undefined)?.id;
      if (typeof id !== 'string' || !graphs.has(id)) throw new Errors.GRAPH_NOT_ALLOWED(typeof id === 'string' ? id : '(generated)');
    }
  });
}
