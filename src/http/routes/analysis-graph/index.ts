/**
 * The graph of a finished analysis, in the shapes a map needs, from its result as stored
 * (src/reads/stored-analysis.ts: exactly what the analysis saw, whatever was ingested since):
 *   GET /v1/analyses/{id}/niche-graph            one node per niche (sized by members, with its
 *                                                community), links by summed inter-niche weight
 *   GET /v1/analyses/{id}/niches/{nicheId}/ties  the ties inside one niche, strongest first
 *   GET /v1/analyses/{id}/graph                  every account (niche, score) and tie, columnar,
 *                                                for analyses small enough to draw whole
 */
import { Type } from 'typebox';
import type { FastifyPluginAsync } from 'fastify';
import { routePlugin } from '../../route-plugin.js';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Errors } from '../../../errors.js';
import { accountRows, communityGroups, communityOf, nicheRows, storedTies } from '../../../reads/stored-analysis.js';
import type { GraphStore, NicheGraph as StoredNicheGraph } from '../../../store/port.js';
import { readingStored, succeededAnalysis } from '../../finished-analysis.js';
import { ID_PATTERN, problems } from '../../schemas.js';
import { AccountGraph, NicheGraph, Tie } from './schemas.js';

export const DRAW_LIMITS = { maxAccounts: 20_000, maxAccountsCap: 50_000, maxTies: 250_000 };

const AnalysisParams = Type.Object({ analysisId: Type.String({ pattern: ID_PATTERN }) });

const analysisGraphRoutes: FastifyPluginAsync<{ store: GraphStore }> = async (app, deps) => {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  // The store keeps a niche graph while it caches the result: its links strongest first, once per object.
  const strongestFirst = new WeakMap<StoredNicheGraph, StoredNicheGraph['links']>();

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
      const [graph, niches] = await readingStored(async () => {
        const g = await deps.store.nicheGraph(analysis.id);
        if (!g) throw new Errors.ANALYSIS_NOT_FOUND(analysis.id);
        return [g, await nicheRows(deps.store, analysis.id)] as const;
      });
      let links = strongestFirst.get(graph);
      if (!links) {
        // Rows in rank order: the link's (source, target) rows break equal weights.
        const row = new Map(graph.niches.map((n, k) => [n.id, k]));
        links = [...graph.links].sort(
          (x, y) => y.weight - x.weight || (row.get(x.source) as number) - (row.get(y.source) as number) || (row.get(x.target) as number) - (row.get(y.target) as number),
        );
        strongestFirst.set(graph, links);
      }
      return {
        analysisId: analysis.id,
        niches: niches.map((n) => ({ id: n.id, size: n.size, communityId: communityOf(n), unassigned: n.unassigned })),
        links: links.slice(0, req.query.maxLinks),
        totalLinks: links.length,
        communities: communityGroups(niches),
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
      const ties = await deps.store.nicheTies(analysis.id, req.params.nicheId);
      if (!ties) throw new Errors.NICHE_NOT_FOUND(req.params.nicheId, analysis.id);
      ties.sort((a, b) => b.weight - a.weight || a.sourceIndex - b.sourceIndex || a.targetIndex - b.targetIndex);
      const { limit, offset } = req.query;
      return {
        total: ties.length,
        limit,
        offset,
        items: ties.slice(offset, offset + limit).map(({ source, target, weight, reciprocated }) => ({ source, target, weight, reciprocated })),
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
      return readingStored(async () => {
        const niches = await nicheRows(deps.store, analysis.id);
        const rowOf = new Map(niches.map((n, k) => [n.id, k]));
        const ids: string[] = [];
        const niche: number[] = [];
        const score: number[] = [];
        const rank: number[] = [];
        const role: string[] = [];
        const position = new Map<string, number>();
        for await (const row of await accountRows(deps.store, analysis.id)) {
          position.set(row.accountId, ids.length);
          ids.push(row.accountId);
          niche.push(rowOf.get(row.nicheId) as number);
          score.push(row.member.score);
          rank.push(row.member.rank);
          role.push(row.member.role);
        }
        const source: number[] = [];
        const target: number[] = [];
        const weight: number[] = [];
        const reciprocated: number[] = [];
        let allReciprocated = true;
        for await (const tie of storedTies(deps.store, analysis.id)) {
          source.push(position.get(tie.source) as number);
          target.push(position.get(tie.target) as number);
          weight.push(tie.weight);
          if (tie.reciprocated === null) allReciprocated = false;
          else reciprocated.push(tie.reciprocated);
        }
        return {
          analysisId: analysis.id,
          niches: niches.map((x) => ({ id: x.id, size: x.size, communityId: communityOf(x), unassigned: x.unassigned })),
          accounts: { id: ids, niche, score, rank, role },
          ties: allReciprocated ? { source, target, weight, reciprocated } : { source, target, weight },
        };
      });
    },
  );
};

export default routePlugin('analysis-graph-routes', analysisGraphRoutes);
