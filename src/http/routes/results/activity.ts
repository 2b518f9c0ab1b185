/**
 * A niche's activity over time (issue 11, the niche card's chart): events between its
 * members per UTC day or ISO week, read from the graph (src/store/niche-activity.ts).
 *
 * Not cached (Cache-Control: no-store, no ETag), unlike the other results routes: the
 * answer reads the graph, not the stored result, and later ingestion can add events inside
 * the niche's span (interactions carry no ingestion version to leave them out by), an
 * erasure removes some. The read is bounded by the niche's members' relationships.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Errors } from '../../../errors.js';
import type { GraphStore } from '../../../store/port.js';
import { problems } from '../../schemas.js';
import { readingStored, succeededAnalysis } from '../../finished-analysis.js';
import { ActivityQuery, NicheActivity, NicheParams } from './schemas.js';

const nicheActivityRoutes: FastifyPluginAsync<{ store: GraphStore }> = async (app, { store }) => {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  r.get(
    '/v1/analyses/:analysisId/niches/:nicheId/activity',
    {
      schema: {
        operationId: 'getNicheActivity',
        tags: ['results'],
        summary: 'Events between the members of a niche per day or week',
        params: NicheParams,
        querystring: ActivityQuery,
        response: { 200: NicheActivity, ...problems(400, 404, 409) },
      },
    },
    async (req, reply) => {
      reply.header('cache-control', 'no-store');
      const { analysisId, nicheId } = req.params;
      const analysis = await succeededAnalysis(store, analysisId);
      const found = await readingStored(() => store.nicheActivity(analysisId, nicheId, req.query.bucket, analysis.params.typeWeights));
      if (!found) throw new Errors.NICHE_NOT_FOUND(nicheId, analysisId);
      return { analysisId, nicheId, ...found };
    },
  );
};

export default nicheActivityRoutes;
