/**
 * Results of a finished analysis: its niches (largest first), each niche's members
 * (highest score first) and one account's niche and scores.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Errors } from '../../../errors.js';
import type { GraphStore } from '../../../store/port.js';
import { AnalysisIdParams, PageQuery, pageOf, problems } from '../../schemas.js';
import { explainScore } from './explain.js';
import { AccountParams, AccountResult, Member, Niche, NicheParams } from './schemas.js';

const resultRoutes: FastifyPluginAsync<{ store: GraphStore }> = async (app, { store }) => {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  /** 404 when unknown, 409 while it has no results yet. */
  async function requireSucceeded(analysisId: string): Promise<void> {
    const analysis = await store.getAnalysis(analysisId);
    if (!analysis) throw new Errors.ANALYSIS_NOT_FOUND(analysisId);
    if (analysis.status !== 'succeeded') throw new Errors.ANALYSIS_NOT_FINISHED(analysisId, analysis.status);
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
        response: { 200: pageOf(Niche, 'NichePage'), ...problems(400, 404, 409) },
      },
    },
    async (req) => {
      await requireSucceeded(req.params.analysisId);
      const page = await store.listNiches(req.params.analysisId, req.query);
      return { ...page, limit: req.query.limit, offset: req.query.offset };
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
        response: { 200: pageOf(Member, 'NicheMemberPage'), ...problems(400, 404, 409) },
      },
    },
    async (req) => {
      await requireSucceeded(req.params.analysisId);
      const page = await store.listMembers(req.params.analysisId, req.params.nicheId, req.query);
      if (!page) throw new Errors.NICHE_NOT_FOUND(req.params.nicheId, req.params.analysisId);
      const items = page.items.map((m) => ({ ...m, topTies: m.topTies.map((t) => t.accountId) }));
      return { total: page.total, items, limit: req.query.limit, offset: req.query.offset };
    },
  );

  r.get(
    '/v1/analyses/:analysisId/accounts/:accountId',
    {
      schema: {
        operationId: 'getAccountResult',
        tags: ['results'],
        summary: "An account's niche and scores in an analysis",
        params: AccountParams,
        response: { 200: AccountResult, ...problems(400, 404, 409) },
      },
    },
    async (req) => {
      await requireSucceeded(req.params.analysisId);
      const row = await store.getAccountResult(req.params.analysisId, req.params.accountId);
      if (!row) throw new Errors.ACCOUNT_NOT_FOUND(req.params.accountId, req.params.analysisId);
      return {
        accountId: row.accountId,
        analysisId: req.params.analysisId,
        niche: { id: row.nicheId, size: row.nicheSize, unassigned: row.unassigned },
        scores: row.member,
        explanation: explainScore(row.member, row.unassigned),
      };
    },
  );
};

export default resultRoutes;
