/**
 * Analyses: POST /v1/graphs/{graphId}/analyses starts one (202 + Location, or 200 with
 * the finished analysis when `?wait=N` lets it finish in time); GET on the same path lists
 * a graph's analyses, newest first, paged; GET /v1/analyses/{id}
 * reads its state; DELETE /v1/analyses/{id} cancels a queued or running one (it ends as
 * status "failed" with error "cancelled"; its worker, if any, is terminated and nothing
 * of its result is stored; a finished analysis answers 409).
 */
import { randomUUID } from 'node:crypto';
import type { FastifyPluginAsync } from 'fastify';
import { routePlugin } from '../../route-plugin.js';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Errors } from '../../../errors.js';
import { CANCELLED } from '../../../jobs/analysis-runner.js';
import { QueueFullError, type AnalysisJobs } from '../../../jobs/port.js';
import type { AnalysisRecord, GraphStore } from '../../../store/port.js';
import { AnalysisIdParams, GraphIdParams, PageQuery, pageOf, problems } from '../../schemas.js';
import compareRoutes from './compare.js';
import { analysisView, checkBaseline, isFinished, toAnalysisParams } from './params.js';
import { Analysis, AnalysisRequest, WaitQuery } from './schemas.js';

export interface AnalysisRoutesOptions {
  store: GraphStore;
  jobs: AnalysisJobs;
}

const analysisRoutes: FastifyPluginAsync<AnalysisRoutesOptions> = async (app, { store, jobs }) => {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  await app.register(compareRoutes, { store });

  r.post(
    '/v1/graphs/:graphId/analyses',
    {
      schema: {
        operationId: 'createAnalysis',
        tags: ['analyses'],
        summary: 'Start an analysis: communities, niches (Leiden) and their trusted members',
        description:
          'Answers 202 with the queued analysis and its Location at once. With ?wait=N the answer is held up to N ' +
          'seconds; if the analysis finishes in time the answer is 200 with the finished analysis. Analyses run in ' +
          'worker threads (of this process, or of worker processes sharing a Redis queue), ANALYSIS_CONCURRENCY at a ' +
          'time per process; at most ANALYSIS_QUEUE_LIMIT wait, and one more is refused with 503 NG_QUEUE_FULL and a ' +
          'Retry-After header. A queue that cannot be reached answers 503 NG_QUEUE_UNAVAILABLE.',
        params: GraphIdParams,
        querystring: WaitQuery,
        body: AnalysisRequest,
        response: { 200: Analysis, 202: Analysis, ...problems(400, 404, 413, 415, 503) },
      },
      // An empty body means "all defaults".
      preValidation: async (req) => {
        if (req.body === undefined || req.body === null) req.body = {};
      },
    },
    async (req, reply) => {
      const params = toAnalysisParams(req.body);
      const graphId = req.params.graphId;
      // An existence check, not getGraph: that one counts every account of the graph.
      if (!(await store.graphExists(graphId))) throw new Errors.GRAPH_NOT_FOUND(graphId);
      await checkBaseline(store, graphId, params.baseline);
      const queueFull = () => {
        reply.header('retry-after', String(jobs.retryAfterSeconds));
        return new Errors.QUEUE_FULL(jobs.retryAfterSeconds);
      };
      if (!(await jobs.canAccept())) throw queueFull();
      const analysis: AnalysisRecord = {
        id: randomUUID(),
        graphId,
        status: 'queued',
        params,
        createdAt: new Date().toISOString(),
        startedAt: null,
        finishedAt: null,
        error: null,
        summary: null,
      };
      // Stored first, held by the queue's lease, so a worker that takes it at once finds it.
      const lease = jobs.newLease();
      // The graph may have been deleted since it was read.
      if (!(await store.createAnalysis(analysis, lease))) throw new Errors.GRAPH_NOT_FOUND(graphId);
      try {
        await jobs.submit(analysis);
      } catch (err) {
        // Another request took the last place while this one was saving, or the queue is unreachable.
        const full = err instanceof QueueFullError;
        const why = full ? 'refused: the analysis queue was full' : 'refused: the analysis queue could not be reached';
        await store.markFailed(analysis.id, why, new Date().toISOString(), lease.owner).catch((e: unknown) => {
          req.log.error({ err: e, analysisId: analysis.id }, 'could not record the refusal of the analysis');
        });
        if (full) throw queueFull();
        throw err;
      }
      req.log.info({ graphId, analysisId: analysis.id }, 'analysis queued');
      reply.header('location', `/v1/analyses/${analysis.id}`);
      if (req.query.wait > 0 && (await jobs.waitFor(analysis.id, req.query.wait * 1000))) {
        const done = await store.getAnalysis(analysis.id);
        if (done && isFinished(done)) return reply.code(200).send(analysisView(done));
      }
      const current = (await store.getAnalysis(analysis.id)) ?? analysis;
      return reply.code(isFinished(current) ? 200 : 202).send(analysisView(current));
    },
  );

  r.get(
    '/v1/graphs/:graphId/analyses',
    {
      schema: {
        operationId: 'listAnalyses',
        tags: ['analyses'],
        summary: "List a graph's analyses, newest first",
        description:
          'Every analysis of the graph, whatever its status, ordered by creation time, newest first (ties by id, ' +
          'descending), `limit` per page from `offset`; `total` counts them all. Queued and running ones carry no ' +
          '`progress` here: read one with GET /v1/analyses/{analysisId} for that.',
        params: GraphIdParams,
        querystring: PageQuery,
        response: { 200: pageOf(Analysis, 'AnalysisPage'), ...problems(400, 404) },
      },
    },
    async (req) => {
      const page = await store.listAnalyses(req.params.graphId, req.query);
      if (!page) throw new Errors.GRAPH_NOT_FOUND(req.params.graphId);
      return { total: page.total, limit: req.query.limit, offset: req.query.offset, items: page.items.map(analysisView) };
    },
  );

  r.get(
    '/v1/analyses/:analysisId',
    {
      schema: {
        operationId: 'getAnalysis',
        tags: ['analyses'],
        summary: 'Read an analysis: status, parameters, progress, summary, timings',
        description:
          'With ?wait=N the answer is held up to N seconds while the analysis is queued or running. While queued or ' +
          'running, `progress` gives the phase and a coarse fraction; once finished, `timings` gives ms per phase.',
        params: AnalysisIdParams,
        querystring: WaitQuery,
        response: { 200: Analysis, ...problems(400, 404) },
      },
    },
    async (req) => {
      let analysis = await store.getAnalysis(req.params.analysisId);
      if (!analysis) throw new Errors.ANALYSIS_NOT_FOUND(req.params.analysisId);
      if (!isFinished(analysis) && req.query.wait > 0) {
        await jobs.waitFor(analysis.id, req.query.wait * 1000);
        analysis = (await store.getAnalysis(analysis.id)) ?? analysis;
      }
      // Progress is a courtesy: a queue that cannot be reached leaves it out rather than failing the read.
      const progress = isFinished(analysis) ? null : await jobs.progress(analysis.id).catch(() => null);
      return { ...analysisView(analysis), ...(progress ? { progress } : {}) };
    },
  );

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
          const current = await store.getAnalysis(analysisId);
          if (current && !isFinished(current)) throw new Errors.ANALYSIS_HELD_ELSEWHERE(analysisId);
        }
      }
      const after = (await store.getAnalysis(analysisId)) ?? analysis;
      req.log.info({ analysisId, status: after.status }, 'analysis cancel requested');
      return analysisView(after);
    },
  );
};

export default routePlugin('analyses-routes', analysisRoutes);
