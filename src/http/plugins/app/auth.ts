/**
 * Authentication and authorisation: `Authorization: Bearer <key>`, checked against the
 * API_KEYS entries (src/http/api-keys.ts). The key itself is never stored or logged (the
 * logger redacts the header; logs name a key by its `keyId`).
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
 *
 * Everything is decided in onRequest, before the body is read or parsed (a 32 MiB batch
 * for a graph the key may not touch is refused from its headers), except the allow-list
 * of POST /v1/graphs, whose graph id is in the (small, BODY_LIMIT) body.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import fp from 'fastify-plugin';
import type { FastifyRequest } from 'fastify';
import { Errors } from '../../../errors.js';
import type { GraphStore } from '../../../store/port.js';
import { SCOPE_RANK, parseApiKeys, type KeyEntry, type Principal, type Scope } from '../../api-keys.js';
import { isOpenRoute } from '../../open-routes.js';
import { ID_PATTERN } from '../../schemas.js';

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
  }
}

export interface AuthOptions {
  apiKeys: string;
  store: GraphStore;
}

export function requiredScope(method: string, url: string): Scope {
  if (url === '/metrics') return 'admin';
  return method === 'GET' || method === 'HEAD' ? 'read' : 'write';
}

const ID = new RegExp(ID_PATTERN);
const isId = (value: unknown): value is string => typeof value === 'string' && ID.test(value);

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

export default fp<AuthOptions>(
  async function auth(app, options) {
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
      if (SCOPE_RANK[key.scope] < SCOPE_RANK[needed]) {
        throw new Errors.FORBIDDEN(key.scope, needed);
      }
      if (!key.graphs) return;
      // Hide what the allow-list does not cover. The path is routed but not validated yet:
      // a malformed id is left to validation (400), as for any key.
      const params = (req.params ?? {}) as Record<string, unknown>;
      if (isId(params.graphId) && !key.graphs.has(params.graphId)) {
        throw new Errors.GRAPH_NOT_FOUND(params.graphId);
      }
      // otherAnalysisId: the second analysis of GET /v1/analyses/{analysisId}/compare/{otherAnalysisId}.
      for (const id of [params.analysisId, params.otherAnalysisId]) {
        if (!isId(id)) continue;
        const analysis = await options.store.getAnalysis(id);
        if (analysis && !key.graphs.has(analysis.graphId)) throw new Errors.ANALYSIS_NOT_FOUND(id);
      }
    });

    // The one allow-list check that needs the body: the id of a graph being created.
    app.addHook('preHandler', async (req) => {
      const graphs = req.principal?.graphs;
      if (!graphs) return;
      if (req.method === 'POST' && req.routeOptions.url === '/v1/graphs') {
        const id = (req.body as { id?: unknown } | undefined)?.id;
        if (typeof id !== 'string' || !graphs.has(id)) throw new Errors.GRAPH_NOT_ALLOWED(typeof id === 'string' ? id : '(generated)');
      }
    });
  },
  // The shutdown guard, the overload guard and the per-address rate limit answer before a key is checked.
  { name: 'auth', fastify: '5.x', dependencies: ['problems', 'shutdown-guard', 'overload-guard', 'rate-limit'] },
);
