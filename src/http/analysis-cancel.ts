/**
 * DELETE /v1/analyses/{analysisId}: cancels a queued or running analysis. It ends as
 * status "failed" with error "cancelled" (its worker, if any, is terminated and nothing
 * of its result is stored). An analysis that has already finished answers 409.
 */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Errors } from '../errors.js';
import { CANCELLED } from '../jobs/analysis-runner.js';
import type { AnalysisJobs } from '../jobs/port.js';
import type { GraphStore } from '../store/port.js';
import { Analysis, analysisView } from './analyses.js';
import { AnalysisIdParams, problems } from './schemas.js';

export function analysisCancelRoutes(app: FastifyInstance, store: GraphStore, jobs: AnalysisJobs): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  r.delete(
    '/v1/analyses/:analysisId',
    {
      schema: {
        operationId: 'cancelAnalysis',
        tags: ['analyses'],
        summary: 'Cancel a queued or running analysis',
        description:
          'A queued analysis leaves the queue; a running one has its worker terminated (a result write in progress ' +
          'is rolled back). Answers 200 with the analysis, now status "failed" with error "cancelled". An analysis ' +
          'that has already finished (succeeded or failed) answers 409 NG_ANALYSIS_FINISHED. With a shared queue ' +
          '(Redis) the cancel reaches the worker running it wherever it is. An analysis marked queued/running that ' +
          'nobody holds any more is marked cancelled too; one held by another live instance without a shared queue ' +
          'answers 409 NG_ANALYSIS_HELD_ELSEWHERE.',
        params: AnalysisIdParams,
        response: { 200: Analysis, ...problems(400, 404, 409, 503) },
      },
    },
    async (req) => {
      const { analysisId } = req.params;
      const analysis = await store.getAnalysis(analysisId);
      if (!analysis) throw new Errors.ANALYSIS_NOT_FOUND(analysisId);
      if (analysis.status === 'succeeded' || analysis.status === 'failed') {
        throw new Errors.ANALYSIS_FINISHED(analysisId, analysis.status);
      }
      if (!(await jobs.cancel(analysisId))) {
        // No queue has it: fail it if nobody holds it any more (no owner, an expired lease, or
        // the queue's own lease on a job it lost); a live holder elsewhere must be asked there.
        const failed = await store.failUnheld(analysisId, CANCELLED, new Date().toISOString(), Date.now(), jobs.orphanOf());
        if (!failed) {
          const now = await store.getAnalysis(analysisId);
          if (now && (now.status === 'queued' || now.status === 'running')) throw new Errors.ANALYSIS_HELD_ELSEWHERE(analysisId);
        }
      }
      const after = (await store.getAnalysis(analysisId)) ?? analysis;
      req.log.info({ analysisId, status: after.status }, 'analysis cancel requested');
      return analysisView(after);
    },
  );
}
