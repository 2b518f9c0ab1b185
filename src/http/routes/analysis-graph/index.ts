/**
 * The graph of a finished analysis, in the shapes a map needs:
 *   GET /v1/analyses/{id}/niche-graph            one node per niche (sized by members, with its
 *                                                community), links by summed inter-niche weight
 *   GET /v1/analyses/{id}/niches/{nicheId}/ties  the ties inside one niche, strongest first
 *   GET /v1/analyses/{id}/graph                  every account (niche, score) and tie, columnar,
 *                                                for analyses small enough to draw whole
 */
import { Type } from 'typebox';
import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Errors } from '../../../errors.js';
import type { AnalysisIndexCache } from '../../../reads/analysis-index.js';
import type { GraphStore } from '../../../store/port.js';
import { readingTies, succeededAnalysis } from '../../finished-analysis.js';
import { ID_PATTERN, problems } from '../../schemas.js';
import { AccountGraph, NicheGraph, Tie } from './schemas.js';

export const DRAW_LIMITS = { maxAccounts: 20_000, maxAccountsCap: 50_000, maxTies: 250_000 };

const AnalysisParams = Type.Object({ analysisId: Type.String({ pattern: ID_PATTERN }) });

const analysisGraphRoutes: FastifyPluginAsync<{ store: GraphStore; indexes: AnalysisIndexCache }> = async (app, deps) => {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  r.get(
    '/v1/analyses/:analysisId/niche-graph',
    {
      schema: {
        operationId: 'getNicheGraph',
        tags: ['results'],
        summary: 'The niche-level graph: one node per niche, links by inter-niche tie weight',
        params: AnalysisParams,
        querystring: Type.Object({
          maxLinks: Type.Integer({ minimum: 0, maximum: 100_000, default: 5_000, description: 'Strongest links returned.' }),
        }),
        response: { 200: NicheGraph, ...problems(400, 404, 409) },
      },
    },
    async (req) => {
      const analysis = await succeededAnalysis(deps.store, req.params.analysisId);
      const index = await readingTies(() => deps.indexes.get(analysis));
      const graph = index.nicheGraph();
      return {
        analysisId: analysis.id,
        niches: graph.niches.map(({ id, size, communityId, unassigned }) => ({ id, size, communityId, unassigned })),
        links: graph.links.slice(0, req.query.maxLinks),
        totalLinks: graph.links.length,
        communities: graph.communities,
      };
    },
  );

  r.get(
    '/v1/analyses/:analysisId/niches/:nicheId/ties',
    {
      schema: {
        operationId: 'listNicheTies',
        tags: ['results'],
        summary: 'The ties between members of one niche, strongest first',
        params: Type.Object({ analysisId: Type.String({ pattern: ID_PATTERN }), nicheId: Type.String({ pattern: ID_PATTERN }) }),
        querystring: Type.Object({
          limit: Type.Integer({ minimum: 1, maximum: 10_000, default: 1_000 }),
          offset: Type.Integer({ minimum: 0, maximum: 10_000_000, default: 0 }),
        }),
        response: {
          200: Type.Object(
            { total: Type.Integer(), limit: Type.Integer(), offset: Type.Integer(), items: Type.Array(Tie) },
            { title: 'NicheTiePage' },
          ),
          ...problems(400, 404, 409),
        },
      },
    },
    async (req) => {
      const analysis = await succeededAnalysis(deps.store, req.params.analysisId);
      const index = await readingTies(() => deps.indexes.get(analysis));
      const g = index.groupIndexOf(req.params.nicheId);
      if (g < 0) throw new Errors.NICHE_NOT_FOUND(req.params.nicheId, analysis.id);
      const ties = [...index.tiesWithin(g)].sort((a, b) => b[2] - a[2] || a[0] - b[0] || a[1] - b[1]);
      const { limit, offset } = req.query;
      return {
        total: ties.length,
        limit,
        offset,
        items: ties.slice(offset, offset + limit).map(([i, j, weight, reciprocated]) => ({
          source: index.ids[i] as string,
          target: index.ids[j] as string,
          weight,
          reciprocated,
        })),
      };
    },
  );

  r.get(
    '/v1/analyses/:analysisId/graph',
    {
      schema: {
        operationId: 'getAccountGraph',
        tags: ['results'],
        summary: 'Every account and tie of a small analysis, columnar, to draw it whole',
        description: `Up to maxAccounts accounts and ${DRAW_LIMITS.maxTies} ties; larger analyses answer 422 NG_GRAPH_TOO_LARGE (use niche-graph and a niche's ties, or the export).`,
        params: AnalysisParams,
        querystring: Type.Object({
          maxAccounts: Type.Integer({ minimum: 1, maximum: DRAW_LIMITS.maxAccountsCap, default: DRAW_LIMITS.maxAccounts }),
        }),
        response: {
          200: AccountGraph,
          ...problems(400, 404, 409),
          422: {
            description: 'Too large to draw whole (NG_GRAPH_TOO_LARGE)',
            content: { 'application/problem+json': { schema: { $ref: 'Problem#' } } },
          },
        },
      },
    },
    async (req) => {
      const analysis = await succeededAnalysis(deps.store, req.params.analysisId);
      const { maxAccounts } = req.query;
      const accounts = analysis.summary?.accounts ?? 0;
      const edges = analysis.summary?.edges ?? 0;
      if (accounts > maxAccounts || edges > DRAW_LIMITS.maxTies) {
        throw new Errors.GRAPH_TOO_LARGE(
          analysis.id,
          `${accounts} accounts and ${edges} ties; served up to maxAccounts = ${maxAccounts} accounts and ${DRAW_LIMITS.maxTies} ties`,
        );
      }
      const index = await readingTies(() => deps.indexes.get(analysis));
      const source: number[] = [];
      const target: number[] = [];
      const weight: number[] = [];
      const reciprocated: number[] = [];
      for (let i = 0; i < index.order; i++) {
        for (let e = index.offsets[i] as number, end = index.offsets[i + 1] as number; e < end; e++) {
          const j = index.targets[e] as number;
          if (j <= i) continue;
          source.push(i);
          target.push(j);
          weight.push(index.weights[e] as number);
          reciprocated.push(index.reciprocated[e] as number);
        }
      }
      return {
        analysisId: analysis.id,
        niches: index.groups.map(({ id, size, communityId, unassigned }) => ({ id, size, communityId, unassigned })),
        accounts: { id: index.ids, niche: Array.from(index.group), score: Array.from(index.score), rank: Array.from(index.rank), role: index.roles },
        ties: { source, target, weight, reciprocated },
      };
    },
  );
};

export default analysisGraphRoutes;
