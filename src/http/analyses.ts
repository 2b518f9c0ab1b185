/**
 * Analyses: POST /v1/graphs/{graphId}/analyses starts one (202 + Location, or 200 with
 * the finished analysis when `?wait=N` lets it finish in time); GET /v1/analyses/{id}
 * reads its state.
 */
import { randomUUID } from 'node:crypto';
import { Type, type Static } from 'typebox';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { CENTRALITY_NAMES } from '../analysis/centrality/select.js';
import { Errors, ValidationFailure } from '../errors.js';
import { QueueFullError, type AnalysisJobs } from '../jobs/port.js';
import type { AnalysisParams, AnalysisRecord, GraphStore } from '../store/port.js';
import { AnalysisIdParams, GraphIdParams, problems } from './schemas.js';
import { TYPE_PATTERN } from './interactions.js';
import { parseTimestamp } from './timestamps.js';

export const MAX_WAIT_SECONDS = 60;
export const DEFAULT_SEED = 42;
/** Consensus runs: run-to-run ARI >= 0.95 on email-eu-core at an affordable cost for the 3,000-account demo (npm run quality prints both). */
export const DEFAULT_RUNS = 30;
export const DEFAULT_MIN_NICHE_SIZE = 3;

const NicheSizeBand = Type.Object(
  {
    min: Type.Integer({ minimum: 1, maximum: 1_000_000 }),
    max: Type.Integer({ minimum: 1, maximum: 1_000_000 }),
  },
  {
    additionalProperties: false,
    description:
      'Aim the resolution at this typical niche size (accounts; the niche of the median account) instead of using `resolution`. ' +
      'E.g. {min: 15, max: 50}: between the sympathy group and the band of Dunbar\'s layers.',
  },
);

const Timestamp = Type.Union([Type.Integer({ minimum: 0 }), Type.String({ maxLength: 40 })], {
  description: 'ISO 8601 date-time with a time zone, or epoch milliseconds.',
});

export const AnalysisRequest = Type.Object(
  {
    resolution: Type.Optional(
      Type.Number({ exclusiveMinimum: 0, maximum: 100, default: 1, description: 'Louvain resolution: higher gives smaller niches.' }),
    ),
    seed: Type.Optional(
      Type.Integer({ minimum: 0, maximum: 2147483647, description: `Seed of the randomised steps; default ${DEFAULT_SEED}. Same data, params and seed give the same niches.` }),
    ),
    typeWeights: Type.Optional(
      Type.Record(Type.String({ pattern: TYPE_PATTERN }), Type.Number({ minimum: 0, maximum: 1e6 }), {
        maxProperties: 100,
        additionalProperties: false,
        description: 'Multiplier per interaction type (unlisted types: 1; 0 drops a type).',
      }),
    ),
    from: Type.Optional(Timestamp),
    to: Type.Optional(Timestamp),
    minWeight: Type.Optional(
      Type.Number({ minimum: 0, default: 0, description: 'Pairs whose aggregated |weight| is below this are left out.' }),
    ),
    topK: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 10, description: 'Trusted members reported per niche.' })),
    runs: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: 100,
        default: DEFAULT_RUNS,
        description: 'Seeded Louvain runs combined by consensus clustering (Lancichinetti & Fortunato 2012); 1 = plain Louvain. Time grows linearly.',
      }),
    ),
    minNicheSize: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: 100000,
        default: DEFAULT_MIN_NICHE_SIZE,
        description: 'Groups smaller than this are not niches: their accounts are listed in the niche "unassigned".',
      }),
    ),
    nicheSize: Type.Optional(NicheSizeBand),
    centralities: Type.Optional(
      Type.Array(Type.Union(CENTRALITY_NAMES.map((n) => Type.Literal(n))), {
        uniqueItems: true,
        maxItems: CENTRALITY_NAMES.length,
        description:
          'Extra whole-graph centralities reported per account (member lists and account results): HITS hubs and ' +
          'authorities, eigenvector, coreNumber (k-shell), harmonic closeness, betweenness (exact up to 2,000 accounts, ' +
          'seeded pivot sampling above), in/out degree. They do not enter the trust score. Betweenness and harmonic ' +
          'closeness cost one graph search per account (or pivot).',
      }),
    ),
  },
  {
    title: 'AnalysisRequest',
    additionalProperties: false,
    examples: [{ resolution: 1, seed: 42, typeWeights: { reply: 2, mention: 1, share: 0.5 }, from: '2026-11-01T00:00:00Z', topK: 5 }],
  },
);
type AnalysisRequest = Static<typeof AnalysisRequest>;

const Params = Type.Object(
  {
    resolution: Type.Number(),
    seed: Type.Integer(),
    typeWeights: Type.Record(Type.String(), Type.Number()),
    from: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
    to: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
    minWeight: Type.Number(),
    topK: Type.Integer(),
    runs: Type.Optional(Type.Integer()),
    minNicheSize: Type.Optional(Type.Integer()),
    nicheSize: Type.Optional(Type.Union([Type.Object({ min: Type.Integer(), max: Type.Integer() }), Type.Null()])),
    centralities: Type.Optional(Type.Array(Type.String())),
  },
  { title: 'AnalysisParams', description: 'The effective parameters, defaults filled in.' },
);

const AnalysisProgress = Type.Object(
  {
    phase: Type.Union(
      [
        Type.Literal('queued'),
        Type.Literal('projection'),
        Type.Literal('communities'),
        Type.Literal('centrality'),
        Type.Literal('scoring'),
        Type.Literal('persistence'),
      ],
      {
        description: 'queued, then projection -> communities -> centrality -> scoring -> persistence.',
      },
    ),
    fraction: Type.Number({
      minimum: 0,
      maximum: 1,
      description: 'Coarse: the share of a typical run spent in the phases already finished.',
    }),
  },
  { title: 'AnalysisProgress', description: 'Present while the analysis is queued or running (with a shared queue: on any worker).' },
);

const AnalysisTimings = Type.Object(
  {
    queued: Type.Optional(Type.Number({ description: 'Created -> a worker started it.' })),
    projection: Type.Optional(Type.Number({ description: 'Reading the projection from Neo4j and building the compact graph.' })),
    communities: Type.Optional(Type.Number({ description: 'Louvain.' })),
    centrality: Type.Optional(Type.Number({ description: 'Global and within-niche PageRank.' })),
    scoring: Type.Optional(Type.Number({ description: 'Niche metrics, trust scores, ranking.' })),
    persistence: Type.Optional(Type.Number({ description: 'Writing niches and memberships to Neo4j.' })),
    total: Type.Optional(Type.Number({ description: 'Created -> finished.' })),
  },
  {
    title: 'AnalysisTimings',
    description:
      'Milliseconds per phase, stored with the analysis once it has finished. A phase that did not run ' +
      '(failure, cancellation) is absent; worker start-up is in total but in no phase.',
  },
);

export const Analysis = Type.Object(
  {
    id: Type.String(),
    graphId: Type.String(),
    status: Type.Union([Type.Literal('queued'), Type.Literal('running'), Type.Literal('succeeded'), Type.Literal('failed')]),
    params: Params,
    createdAt: Type.String({ format: 'date-time' }),
    startedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
    finishedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
    error: Type.Optional(Type.String()),
    summary: Type.Optional(
      Type.Object({
        accounts: Type.Integer(),
        edges: Type.Integer({ description: 'Undirected account pairs with positive weight.' }),
        niches: Type.Integer(),
        modularity: Type.Number(),
        resolution: Type.Number({ description: 'The resolution used (chosen from nicheSize when given).' }),
        runs: Type.Integer(),
        consensusRounds: Type.Integer({ description: 'Consensus rounds run (each of `runs` Louvain runs).' }),
        louvainDisconnected: Type.Integer({ description: 'Disconnected niches plain Louvain produced (first run), split into connected parts here.' }),
        unassigned: Type.Integer({ description: 'Accounts in the unassigned group (their group was below minNicheSize).' }),
        meanConfidence: Type.Number({ description: 'Mean share of runs that put an account (with ties) in its niche.' }),
      }),
    ),
    progress: Type.Optional(AnalysisProgress),
    timings: Type.Optional(AnalysisTimings),
    projection: Type.Optional(
      Type.Object(
        {
          graphVersion: Type.Integer({
            minimum: 0,
            description: "The graph's version when the analysis read it: every interaction ingested up to it is included (later ones may be). Compare with the graph's `version`.",
          }),
          cached: Type.Boolean({ description: 'The projection came from the projection cache (same graph version and projection params as an earlier analysis).' }),
        },
        { description: 'Which data the analysis read; present once its projection was read.' },
      ),
    ),
  },
  {
    title: 'Analysis',
    examples: [
      {
        id: '6f1c2b9e-8d4a-4c1e-9a57-0e2f7f3b9a10',
        graphId: 'acme-forum',
        status: 'succeeded',
        params: { resolution: 1, seed: 42, typeWeights: {}, from: null, to: null, minWeight: 0, topK: 10, runs: 30, minNicheSize: 3, nicheSize: null },
        createdAt: '2026-11-27T10:00:00.000Z',
        startedAt: '2026-11-27T10:00:00.010Z',
        finishedAt: '2026-11-27T10:00:01.200Z',
        summary: {
          accounts: 3000,
          edges: 18461,
          niches: 40,
          modularity: 0.83,
          resolution: 1,
          runs: 30,
          consensusRounds: 2,
          louvainDisconnected: 0,
          unassigned: 2,
          meanConfidence: 0.999,
        },
      },
    ],
  },
);

const WaitQuery = Type.Object({
  wait: Type.Integer({
    minimum: 0,
    maximum: MAX_WAIT_SECONDS,
    default: 0,
    description: `Seconds (at most ${MAX_WAIT_SECONDS}) to hold the answer until the analysis has finished.`,
  }),
});

function isFinished(a: AnalysisRecord): boolean {
  return a.status === 'succeeded' || a.status === 'failed';
}

/** The public shape: optional members left out rather than null. */
export function analysisView(a: AnalysisRecord) {
  const { error, summary, params, timings, projection, ...rest } = a;
  return {
    ...rest,
    params: {
      ...params,
      from: params.from === null ? null : new Date(params.from).toISOString(),
      to: params.to === null ? null : new Date(params.to).toISOString(),
    },
    ...(error !== null ? { error } : {}),
    ...(summary !== null ? { summary } : {}),
    ...(timings ? { timings } : {}),
    ...(projection ? { projection } : {}),
  };
}

/** Fills defaults and checks the rules a schema cannot say. */
export function toAnalysisParams(body: AnalysisRequest): AnalysisParams {
  const errors = [];
  const time = (key: 'from' | 'to') => {
    const v = body[key];
    if (v === undefined) return null;
    const ms = parseTimestamp(v);
    if (ms === null) errors.push({ in: 'body', pointer: `/${key}`, field: key, message: 'must be an ISO 8601 date-time with a time zone, or epoch milliseconds' });
    return ms;
  };
  const from = time('from');
  const to = time('to');
  if (from !== null && to !== null && from >= to) {
    errors.push({ in: 'body', pointer: '/to', field: 'to', message: 'must be later than from' });
  }
  if (body.nicheSize !== undefined && body.nicheSize.max < body.nicheSize.min) {
    errors.push({ in: 'body', pointer: '/nicheSize/max', field: 'nicheSize.max', message: 'must be >= nicheSize.min' });
  }
  if (errors.length > 0) throw new ValidationFailure(errors);
  return {
    resolution: body.resolution ?? 1,
    seed: body.seed ?? DEFAULT_SEED,
    topK: body.topK ?? 10,
    typeWeights: body.typeWeights ?? {},
    from,
    to,
    minWeight: body.minWeight ?? 0,
    runs: body.runs ?? DEFAULT_RUNS,
    minNicheSize: body.minNicheSize ?? DEFAULT_MIN_NICHE_SIZE,
    nicheSize: body.nicheSize ?? null,
    ...(body.centralities === undefined ? {} : { centralities: [...body.centralities] }),
  };
}

export function analysisRoutes(app: FastifyInstance, store: GraphStore, jobs: AnalysisJobs): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  r.post(
    '/v1/graphs/:graphId/analyses',
    {
      schema: {
        operationId: 'createAnalysis',
        tags: ['analyses'],
        summary: 'Start an analysis: niches (Louvain) and their trusted members',
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
      const graph = await store.getGraph(req.params.graphId);
      if (!graph) throw new Errors.GRAPH_NOT_FOUND(req.params.graphId);
      const queueFull = () => {
        reply.header('retry-after', String(jobs.retryAfterSeconds));
        return new Errors.QUEUE_FULL(jobs.retryAfterSeconds);
      };
      if (!(await jobs.canAccept())) throw queueFull();
      const analysis: AnalysisRecord = {
        id: randomUUID(),
        graphId: graph.id,
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
      if (!(await store.createAnalysis(analysis, lease))) throw new Errors.GRAPH_NOT_FOUND(graph.id);
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
      req.log.info({ graphId: graph.id, analysisId: analysis.id }, 'analysis queued');
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
}
