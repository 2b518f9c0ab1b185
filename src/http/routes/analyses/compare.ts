/**
 * GET /v1/analyses/{analysisId}/compare/{otherAnalysisId} (issue 12 item 5): what changed
 * between two succeeded analyses of one graph: niche events, accounts that changed niche,
 * the members whose trust rank rose or fell most, trusted members gained and lost per niche.
 *
 * The earlier-created analysis of the two is `before`, whatever their order in the path, so
 * a comparison always reads forward in time. Both results are read through the store's
 * result reads (the niches' trusted lists, then every account's row as a stream) and
 * compared by src/analysis/compare.ts; memory is one small row per account of each side.
 * Caching as the results routes: a strong ETag from both results' versions, private
 * max-age 60, 304 on If-None-Match; the serialized answer is kept (bounded) by ETag.
 */
import { LRUCache } from 'lru-cache';
import { createHash } from 'node:crypto';
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { compareMemberships, type MembershipRow } from '../../../analysis/compare.js';
import { Errors, ValidationFailure } from '../../../errors.js';
import type { AnalysisRecord, GraphStore } from '../../../store/port.js';
import { problems } from '../../schemas.js';
import { NotModified } from '../results/schemas.js';
import { Comparison, CompareParams, CompareQuery } from './schemas.js';

const CACHE_CONTROL = 'private, max-age=60';
const NICHES_PER_READ = 1000;

/** One row per account of a succeeded analysis: its niche, score and whether it is listed as trusted. */
async function membershipRows(store: GraphStore, analysisId: string): Promise<MembershipRow[]> {
  const trusted = new Set<string>();
  for (let offset = 0; ; offset += NICHES_PER_READ) {
    const page = await store.listNiches(analysisId, { limit: NICHES_PER_READ, offset });
    for (const n of page.items) for (const m of n.trusted) trusted.add(m.accountId);
    if (page.items.length === 0 || offset + NICHES_PER_READ >= page.total) break;
  }
  const stream = await store.accountResults(analysisId);
  if (stream === null) throw new Errors.ANALYSIS_NOT_FINISHED(analysisId, 'gone');
  const rows: MembershipRow[] = [];
  for await (const r of stream) {
    rows.push({ accountId: r.accountId, nicheId: r.nicheId, unassigned: r.unassigned, score: r.member.score, trusted: trusted.has(r.accountId) });
  }
  return rows;
}

function side(a: AnalysisRecord) {
  const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
  return { analysisId: a.id, createdAt: a.createdAt, from: iso(a.params.from), to: iso(a.params.to) };
}

const compareRoutes: FastifyPluginAsync<{ store: GraphStore }> = async (app, { store }) => {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const answers = new LRUCache<string, string>({ maxSize: 16 * 1024 * 1024, sizeCalculation: (body) => Math.max(1, 2 * body.length), ttl: 60_000 });

  /** The analysis, succeeded, with its result version; 404 / 409 otherwise. */
  async function succeeded(analysisId: string) {
    const analysis = await store.getAnalysis(analysisId);
    if (!analysis) throw new Errors.ANALYSIS_NOT_FOUND(analysisId);
    const version = await store.resultVersion(analysisId);
    if (!version) throw new Errors.ANALYSIS_NOT_FINISHED(analysisId, analysis.status === 'succeeded' ? 'running' : analysis.status);
    return { analysis, version };
  }

  r.get(
    '/v1/analyses/:analysisId/compare/:otherAnalysisId',
    {
      schema: {
        operationId: 'compareAnalyses',
        tags: ['analyses'],
        summary: 'What changed between two analyses of a graph: niche events, movers, trusted members gained and lost',
        description:
          'Both analyses must have succeeded (409 otherwise) and be of the same graph (400 naming otherAnalysisId). The ' +
          'earlier-created one is `before`, whatever the order in the path. Niches correspond by best-match Jaccard ' +
          '(the lineage rules of the README), computed between these two analyses directly, so any two analyses ' +
          'compare, not only an analysis and its baseline. Trust rank: position by score over all accounts of an ' +
          'analysis (1 = highest), ties by account id.',
        params: CompareParams,
        querystring: CompareQuery,
        response: { 200: Comparison, 304: NotModified, ...problems(400, 404, 409) },
      },
    },
    async (req, reply) => {
      const { analysisId, otherAnalysisId } = req.params;
      reply.header('cache-control', 'no-store');
      const one = await succeeded(analysisId);
      const other = await succeeded(otherAnalysisId);
      if (other.analysis.graphId !== one.analysis.graphId) {
        throw new ValidationFailure([
          { in: 'params', pointer: '/otherAnalysisId', field: 'otherAnalysisId', message: `must be an analysis of graph '${one.analysis.graphId}', as ${analysisId} is` },
        ]);
      }
      const key = [one, other].map((s) => `${s.analysis.id}\u0000${s.version.finishedAt}\u0000${s.version.revision}`).join('\u0000');
      const tag = `"${createHash('sha256').update(`compare\u0000${key}\u0000${req.url}`).digest('base64url').slice(0, 32)}"`;
      reply.header('etag', tag).header('cache-control', CACHE_CONTROL);
      const header = req.headers['if-none-match'];
      if (header !== undefined && (header.trim() === '*' || header.split(',').some((c) => c.trim().replace(/^W\//, '') === tag))) {
        return reply.code(304).send(null);
      }
      let body = answers.get(tag);
      if (body === undefined) {
        const ordered = [one.analysis, other.analysis].sort((a, b) => (a.createdAt < b.createdAt || (a.createdAt === b.createdAt && a.id < b.id) ? -1 : 1));
        const [before, after] = ordered as [AnalysisRecord, AnalysisRecord];
        let built;
        try {
          const [beforeRows, afterRows] = [await membershipRows(store, before.id), await membershipRows(store, after.id)];
          built = { before: side(before), after: side(after), ...compareMemberships(beforeRows, afterRows, { movers: req.query.movers }) };
        } catch (err) {
          reply.removeHeader('etag');
          reply.header('cache-control', 'no-store');
          throw err;
        }
        body = String(reply.serialize(built));
        answers.set(tag, body);
      }
      return (reply as FastifyReply).type('application/json; charset=utf-8').send(body);
    },
  );
};

export default compareRoutes;
