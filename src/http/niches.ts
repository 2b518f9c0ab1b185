/**
 * Results of a finished analysis: its niches (largest first), each niche's members
 * (highest score first) and one account's niche and scores.
 */
import { Type } from 'typebox';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Errors } from '../errors.js';
import type { GraphStore } from '../store/port.js';
import { AnalysisIdParams, ID_PATTERN, PageQuery, pageOf, problems } from './schemas.js';

const Trusted = Type.Object({ accountId: Type.String(), score: Type.Number() }, { title: 'TrustedMember' });

export const Niche = Type.Object(
  {
    id: Type.String({ description: 'n0 is the largest niche of the analysis.' }),
    size: Type.Integer({ minimum: 1 }),
    density: Type.Number({ description: 'Internal account pairs that interacted / all internal pairs.' }),
    conductance: Type.Number({ description: 'Weight leaving the niche / min(volume of niche, volume of the rest); lower = more closed.' }),
    trusted: Type.Array(Trusted, { description: 'The topK members by trust score.' }),
  },
  {
    title: 'Niche',
    examples: [{ id: 'n0', size: 212, density: 0.08, conductance: 0.11, trusted: [{ accountId: 'u0042', score: 0.061 }] }],
  },
);

export const Member = Type.Object(
  {
    accountId: Type.String(),
    rank: Type.Integer({ description: 'Position in the niche by trust score: 0 = most trusted member.' }),
    score: Type.Number({ description: 'Trust score inside the niche (v0: within-niche PageRank on positive interactions, lowered by negative ones).' }),
    pagerank: Type.Number({ description: 'Within-niche weighted PageRank on positive interactions.' }),
    globalPagerank: Type.Number({ description: 'Whole-graph weighted PageRank on positive interactions.' }),
    inStrength: Type.Number({ description: 'Positive weight received.' }),
    outStrength: Type.Number({ description: 'Positive weight given.' }),
    negativeInStrength: Type.Number({ description: 'Negative weight received (absolute value).' }),
    weightedDegree: Type.Number({ description: 'Positive weight on all ties, both directions.' }),
    internalShare: Type.Number({ description: 'Share of that weight inside the niche.' }),
  },
  { title: 'NicheMember' },
);

const NicheParams = Type.Object({
  analysisId: Type.String({ pattern: ID_PATTERN }),
  nicheId: Type.String({ pattern: ID_PATTERN }),
});

const AccountParams = Type.Object({
  analysisId: Type.String({ pattern: ID_PATTERN }),
  accountId: Type.String({ minLength: 1, maxLength: 256 }),
});

export const AccountResult = Type.Object(
  {
    accountId: Type.String(),
    analysisId: Type.String(),
    niche: Type.Object({ id: Type.String(), size: Type.Integer() }),
    scores: Member,
  },
  { title: 'AccountResult' },
);

export function nicheRoutes(app: FastifyInstance, store: GraphStore): void {
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
      return { ...page, limit: req.query.limit, offset: req.query.offset };
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
        niche: { id: row.nicheId, size: row.nicheSize },
        scores: row.member,
      };
    },
  );
}
