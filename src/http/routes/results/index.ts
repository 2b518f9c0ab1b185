/**
 * Results of a finished analysis: its communities and its niches (largest first), each
 * niche's members (highest score first) and one account's niche and scores.
 *
 * HTTP caching. A succeeded analysis's result never changes (until its graph is deleted or
 * an account erased, which raises its revision), so each answer carries a strong ETag made
 * from the analysis id, the version of its stored result (finishedAt, revision) and the
 * request's path and query, and `Cache-Control: private, max-age=60` (private: answers
 * depend on the API key; a minute, then revalidate: a deletion shows within it). A request
 * whose If-None-Match names the current ETag gets 304 without any result being read. The
 * version comes from the store's result cache (result-reading.ts), so a cached page costs
 * no database round trip; the serialized body of a page is kept too (bounded, by ETag), so a
 * page asked for again is sent as it was, without building or serializing it. Analyses that
 * have not succeeded answer 409 (404 when unknown) with `Cache-Control: no-store`.
 */
import { LRUCache } from 'lru-cache';
import { createHash } from 'node:crypto';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { routePlugin } from '../../route-plugin.js';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Errors } from '../../../errors.js';
import type { GraphStore } from '../../../store/port.js';
import { AnalysisIdParams, PageQuery, pageOf, problems } from '../../schemas.js';
import { redactedRequestLog } from '../../redacted-log.js';
import { explainScore } from './explain.js';
import { AccountParams, AccountResult, Community, Member, Niche, NicheParams, NotModified } from './schemas.js';

const CACHE_CONTROL = 'private, max-age=60';

/** If-None-Match: `*` or a list of entity tags (weak ones compare weakly, RFC 9110 13.1.2). */
function matches(header: string | undefined, tag: string): boolean {
  if (header === undefined) return false;
  if (header.trim() === '*') return true;
  return header.split(',').some((candidate) => candidate.trim().replace(/^W\//, '') === tag);
}

/** Serialized pages kept, in bytes (UTF-16 estimate), and for how long. */
const PAGE_CACHE_BYTES = 64 * 1024 * 1024;
const PAGE_TTL_MS = 60_000;

const resultRoutes: FastifyPluginAsync<{ store: GraphStore }> = async (app, { store }) => {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const pages = new LRUCache<string, string>({ maxSize: PAGE_CACHE_BYTES, sizeCalculation: (body) => Math.max(1, 2 * body.length), ttl: PAGE_TTL_MS });

  /** Sends the page cached under the reply's ETag, or builds, serializes and caches it. */
  async function page(reply: FastifyReply, build: () => Promise<unknown>): Promise<FastifyReply> {
    const tag = reply.getHeader('etag') as string;
    let body = pages.get(tag);
    if (body === undefined) {
      let built: unknown;
      try {
        built = await build();
      } catch (err) {
        // A problem (unknown niche or account) is not the cached page.
        reply.removeHeader('etag');
        reply.header('cache-control', 'no-store');
        throw err;
      }
      body = String(reply.serialize(built));
      pages.set(tag, body);
    }
    return reply.type('application/json; charset=utf-8').send(body);
  }

  /**
   * 404 when unknown, 409 while it has no results yet (neither cached); otherwise sets the
   * ETag and Cache-Control of a finished result and answers true when the client's copy is
   * current (the caller then sends 304 and nothing else).
   */
  async function requireSucceeded(req: FastifyRequest, reply: FastifyReply, analysisId: string): Promise<boolean> {
    const version = await store.resultVersion(analysisId);
    if (!version) {
      reply.header('cache-control', 'no-store');
      const analysis = await store.getAnalysis(analysisId);
      if (!analysis) throw new Errors.ANALYSIS_NOT_FOUND(analysisId);
      throw new Errors.ANALYSIS_NOT_FINISHED(analysisId, analysis.status === 'succeeded' ? 'running' : analysis.status);
    }
    const tag = `"${createHash('sha256').update(`${analysisId}\u0000${version.finishedAt}\u0000${version.revision}\u0000${req.url}`).digest('base64url').slice(0, 32)}"`;
    reply.header('etag', tag).header('cache-control', CACHE_CONTROL);
    return matches(req.headers['if-none-match'], tag);
  }

  r.get(
    '/v1/analyses/:analysisId/niches',
    {
      schema: {
        operationId: 'listNiches',
        tags: ['results'],
        summary: 'The niches of an analysis, largest first, with their trusted members',
        params: AnalysisIdParams,
        querystring: PageQuery,
        response: { 200: pageOf(Niche, 'NichePage'), 304: NotModified, ...problems(400, 404, 409) },
      },
    },
    async (req, reply) => {
      if (await requireSucceeded(req, reply, req.params.analysisId)) return reply.code(304).send(null);
      return page(reply, async () => {
        const found = await store.listNiches(req.params.analysisId, req.query);
        return { ...found, limit: req.query.limit, offset: req.query.offset };
      });
    },
  );

  r.get(
    '/v1/analyses/:analysisId/communities',
    {
      schema: {
        operationId: 'listCommunities',
        tags: ['results'],
        summary: 'The communities of an analysis (modularity at resolution 1), largest first, with their niche ids',
        params: AnalysisIdParams,
        querystring: PageQuery,
        response: { 200: pageOf(Community, 'CommunityPage'), 304: NotModified, ...problems(400, 404, 409) },
      },
    },
    async (req, reply) => {
      if (await requireSucceeded(req, reply, req.params.analysisId)) return reply.code(304).send(null);
      return page(reply, async () => {
        const found = await store.listCommunities(req.params.analysisId, req.query);
        return { ...found, limit: req.query.limit, offset: req.query.offset };
      });
    },
  );

  r.get(
    '/v1/analyses/:analysisId/niches/:nicheId/members',
    {
      schema: {
        operationId: 'listNicheMembers',
        tags: ['results'],
        summary: 'The members of a niche, highest trust score first',
        params: NicheParams,
        querystring: PageQuery,
        response: { 200: pageOf(Member, 'NicheMemberPage'), 304: NotModified, ...problems(400, 404, 409) },
      },
    },
    async (req, reply) => {
      if (await requireSucceeded(req, reply, req.params.analysisId)) return reply.code(304).send(null);
      return page(reply, async () => {
        const found = await store.listMembers(req.params.analysisId, req.params.nicheId, req.query);
        if (!found) throw new Errors.NICHE_NOT_FOUND(req.params.nicheId, req.params.analysisId);
        const items = found.items.map((m) => ({ ...m, topTies: m.topTies.map((t) => t.accountId) }));
        return { total: found.total, items, limit: req.query.limit, offset: req.query.offset };
      });
    },
  );

  r.get(
    '/v1/analyses/:analysisId/accounts/:accountId',
    {
      // The account id stays out of the request log (an account may be erased later).
      logSerializers: redactedRequestLog,
      schema: {
        operationId: 'getAccountResult',
        tags: ['results'],
        summary: "An account's niche and scores in an analysis",
        params: AccountParams,
        response: { 200: AccountResult, 304: NotModified, ...problems(400, 404, 409) },
      },
    },
    async (req, reply) => {
      if (await requireSucceeded(req, reply, req.params.analysisId)) return reply.code(304).send(null);
      return page(reply, async () => {
        const row = await store.getAccountResult(req.params.analysisId, req.params.accountId);
        if (!row) throw new Errors.ACCOUNT_NOT_FOUND(req.params.accountId, req.params.analysisId);
        return {
          accountId: row.accountId,
          analysisId: req.params.analysisId,
          niche: { id: row.nicheId, size: row.nicheSize, unassigned: row.unassigned },
          scores: row.member,
          explanation: explainScore(row.member, row.unassigned),
        };
      });
    },
  );
};

export default routePlugin('results-routes', resultRoutes);
