/**
 * TypeBox schemas of the analyses resource: the request (with its defaults), the analysis
 * as answered, and ?wait.
 */
import { Type, type Static } from 'typebox';
import { MAX_EPOCH_MS } from '../../timestamps.js';
import { CENTRALITY_NAMES } from '../../../analysis/centrality/select.js';
import { LINEAGE_EVENTS } from '../../../analysis/lineage.js';
import { ID_PATTERN } from '../../schemas.js';
import { TYPE_PATTERN } from '../interactions/schemas.js';

export const MAX_WAIT_SECONDS = 60;
export const DEFAULT_SEED = 42;
/** Leiden runs of the niche level (src/analysis/niches.ts DEFAULTS.runs): seed-to-seed ARI >= 0.97 on email-eu-core (npm run quality prints it). */
export const DEFAULT_RUNS = 2;
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

const Timestamp = Type.Union([Type.Integer({ minimum: 0, maximum: MAX_EPOCH_MS }), Type.String({ maxLength: 40 })], {
  description: 'ISO 8601 date-time with a time zone, or epoch milliseconds.',
});

export const AnalysisRequest = Type.Object(
  {
    resolution: Type.Optional(
      Type.Number({
        exclusiveMinimum: 0,
        maximum: 100000,
        description:
          'Niche-level resolution (modularity on the whole graph, inside each community): higher gives smaller niches. ' +
          "Absent: chosen so that the typical niche is at Dunbar's band layer (about 50 people). Communities always use resolution 1.",
      }),
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
    halfLife: Type.Optional(
      Type.String({
        maxLength: 64,
        description:
          'Time decay: an ISO 8601 duration (e.g. "P30D", "PT12H", "P1Y6M"; a year is 365.2425 days, a month a twelfth of it). ' +
          'Each interaction then weighs weight * 2^(-age / halfLife), age measured from `to`, or without `to` from the latest ' +
          'interaction in the window; interactions without a timestamp are left out (as with `from`). Absent: no decay.',
        examples: ['P30D'],
      }),
    ),
    minWeight: Type.Optional(
      Type.Number({ minimum: 0, default: 0, description: 'Pairs whose aggregated |weight| is below this are left out.' }),
    ),
    topK: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 10, description: 'Trusted members reported per niche.' })),
    runs: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: 100,
        default: DEFAULT_RUNS,
        description:
          'Seeded Leiden runs on the whole graph; where they disagree, consensus clustering (Lancichinetti & Fortunato 2012) runs on the contracted rest only. 1 = one Leiden run.',
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
    baseline: Type.Optional(
      Type.Union([Type.String({ pattern: ID_PATTERN }), Type.Null()], {
        description:
          'The earlier analysis of this graph whose niches this one is matched to (lineage, stable niche ids, warm start). ' +
          'It must have succeeded. Absent: the latest succeeded analysis of the graph created before this one with the same ' +
          '`typeWeights`, `minWeight` and `halfLife` (the time window may differ), if any, found when the analysis runs. ' +
          'null: none (every niche gets a new id).',
      }),
    ),
    warmStart: Type.Optional(
      Type.Boolean({
        default: true,
        description:
          "With a baseline, start the niches and communities from the baseline's (as Neo4j GDS's seedProperty): re-runs keep " +
          "their niches and ids where the data did not change; a change every seeded run makes is taken, one they disagree on is " +
          "not (the baseline's niche stays). false: start from scratch (lineage and ids are still matched). " +
          "Membership confidence and niche stability then measure agreement among runs started from the baseline.",
      }),
    ),
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
export type AnalysisRequest = Static<typeof AnalysisRequest>;

const Params = Type.Object(
  {
    resolution: Type.Union([Type.Number(), Type.Null()], { description: 'The niche-level resolution asked for; null: the default rule.' }),
    seed: Type.Integer(),
    typeWeights: Type.Record(Type.String(), Type.Number()),
    from: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
    to: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
    halfLife: Type.Optional(Type.Union([Type.String(), Type.Null()], { description: 'The time decay asked for (ISO 8601 duration); null: none.' })),
    minWeight: Type.Number(),
    topK: Type.Integer(),
    runs: Type.Optional(Type.Integer()),
    minNicheSize: Type.Optional(Type.Integer()),
    nicheSize: Type.Optional(Type.Union([Type.Object({ min: Type.Integer(), max: Type.Integer() }), Type.Null()])),
    centralities: Type.Optional(Type.Array(Type.String())),
    baseline: Type.Optional(Type.Union([Type.String(), Type.Null()], { description: 'The baseline asked for (absent: the default rule; see `lineage` for the one used).' })),
    warmStart: Type.Optional(Type.Boolean()),
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
    persistence: Type.Optional(Type.Number({ description: 'Writing the result to Neo4j in its compact form, up to succeeded.' })),
    browserView: Type.Optional(Type.Number({ description: "After succeeded: writing the Browser view (browserView) from the stored result." })),
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
    error: Type.Optional(
      Type.String({
        description:
          'Why a failed analysis failed: "cancelled" (DELETE), "timed out: ..." (it ran past the service\'s maximum duration, ANALYSIS_MAX_SECONDS), "interrupted: ..." (the service stopped while it was queued or ran) or the failure\'s message. Nothing of a failed analysis is kept.',
      }),
    ),
    summary: Type.Optional(
      Type.Object({
        accounts: Type.Integer(),
        edges: Type.Integer({ description: 'Undirected account pairs with positive weight.' }),
        niches: Type.Integer(),
        communities: Type.Optional(Type.Integer({ description: 'Communities (modularity at resolution 1); every niche lies in one.' })),
        modularity: Type.Number({ description: 'Modularity (resolution 1) of the communities, comparable with igraph, NetworKit and leidenalg.' }),
        nicheModularity: Type.Optional(Type.Number({ description: 'Modularity (resolution 1) of the niches.' })),
        resolution: Type.Number({ description: 'The niche-level resolution used (given, chosen from nicheSize, or by the default rule).' }),
        runs: Type.Integer(),
        consensusRounds: Type.Integer({ description: 'Consensus rounds over the accounts the runs disagreed on (0: they agreed).' }),
        louvainDisconnected: Type.Integer({ description: 'Disconnected communities left by the first local-moving pass (Louvain\'s first level) of the first run from singletons, before Leiden\'s refinement repairs them; the result\'s communities are always connected.' }),
        unassigned: Type.Integer({ description: 'Accounts in the unassigned group (their group was below minNicheSize).' }),
        meanConfidence: Type.Number({ description: 'Mean share of runs that put an account (with ties) in its niche.' }),
      }),
    ),
    lineage: Type.Optional(
      Type.Object(
        {
          baselineAnalysisId: Type.String({ description: 'The baseline analysis its niches were matched to.' }),
          events: Type.Object(
            Object.fromEntries([...LINEAGE_EVENTS, 'dissolved'].map((e) => [e, Type.Integer({ minimum: 0 })])),
            { description: 'Niches per lineage event; dissolved: baseline niches related to no niche of this analysis.' },
          ),
          dissolved: Type.Array(Type.Object({ nicheId: Type.String(), size: Type.Integer() }), { description: 'The baseline niches that dissolved, with their size.' }),
        },
        { title: 'AnalysisLineage', description: 'Present once the analysis succeeded, when it had a baseline (each niche carries its own `lineage`).' },
      ),
    ),
    erasures: Type.Optional(
      Type.Integer({
        minimum: 1,
        description:
          'Accounts erased from this stored result since it was computed (DELETE .../accounts/{accountId}); absent when none. ' +
          'Its summary counts (accounts, edges, unassigned) are updated; modularity and mean confidence are those computed with them.',
      }),
    ),
    browserView: Type.Optional(
      Type.Union([Type.Literal('pending'), Type.Literal('written'), Type.Literal('failed')], {
        description:
          "A succeeded analysis' Browser view: the (:Niche) and (:Community) nodes and IN_NICHE relationships that the queries of " +
          'cypher/explore.cypher read in Neo4j Browser, materialized from the stored result after the analysis succeeded. ' +
          "'pending' while it is written (those queries show nothing of it yet; a view whose writer died is written again at the " +
          "next start of the service and, in fleet mode, by a worker's periodic sweep once the writer's lease ran out), " +
          "'written' once they do, 'failed' when a write gave up (written again at the next start of the service or of a fleet " +
          'worker). Every results route and export reads the stored result ' +
          'and answers as soon as the analysis is succeeded, whatever this says. Absent before the analysis succeeded.',
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
        params: { resolution: null, seed: 42, typeWeights: {}, from: null, to: null, minWeight: 0, topK: 10, runs: 2, minNicheSize: 3, nicheSize: null },
        createdAt: '2026-11-27T10:00:00.000Z',
        startedAt: '2026-11-27T10:00:00.010Z',
        finishedAt: '2026-11-27T10:00:01.200Z',
        summary: {
          accounts: 3000,
          edges: 18461,
          niches: 40,
          modularity: 0.83,
          resolution: 1,
          runs: 2,
          consensusRounds: 2,
          louvainDisconnected: 0,
          unassigned: 2,
          meanConfidence: 0.999,
        },
      },
    ],
  },
);

export const WaitQuery = Type.Object({
  wait: Type.Integer({
    minimum: 0,
    maximum: MAX_WAIT_SECONDS,
    default: 0,
    description: `Seconds (at most ${MAX_WAIT_SECONDS}) to hold the answer until the analysis has finished.`,
  }),
});

export const CompareParams = Type.Object({
  analysisId: Type.String({ pattern: ID_PATTERN, description: 'Analysis id.' }),
  otherAnalysisId: Type.String({ pattern: ID_PATTERN, description: 'The analysis to compare it with (same graph).' }),
});

export const CompareQuery = Type.Object({
  movers: Type.Integer({ minimum: 0, maximum: 1000, default: 10, description: 'Members listed in `rose` and in `fell`.' }),
});

const LineageEventName = Type.Union(LINEAGE_EVENTS.map((e) => Type.Literal(e)));
const CompareSide = Type.Object({
  analysisId: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
  from: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  to: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});
const RankAt = Type.Object({
  rank: Type.Integer({ minimum: 1, description: 'Position by score over all accounts of the analysis (1 = highest).' }),
  score: Type.Number(),
  nicheId: Type.String(),
});
const RankMove = Type.Object(
  { accountId: Type.String(), before: RankAt, after: RankAt, change: Type.Integer({ description: 'before.rank - after.rank: > 0 rose.' }) },
  { title: 'RankMove' },
);

export const Comparison = Type.Object(
  {
    before: CompareSide,
    after: CompareSide,
    events: Type.Object(
      Object.fromEntries([...LINEAGE_EVENTS, 'dissolved'].map((e) => [e, Type.Integer({ minimum: 0 })])),
      { description: "Niches of `after` per lineage event relative to `before`'s; dissolved: `before` niches related to none." },
    ),
    accounts: Type.Object(
      {
        inBoth: Type.Integer({ minimum: 0 }),
        changedNiche: Type.Integer({ minimum: 0, description: 'In both, and its `after` niche does not correspond to its `before` niche (entering or leaving the unassigned group counts).' }),
        joined: Type.Integer({ minimum: 0, description: 'Only in `after`.' }),
        left: Type.Integer({ minimum: 0, description: 'Only in `before`.' }),
      },
    ),
    rose: Type.Array(RankMove, { description: 'Accounts in both whose trust rank rose most, largest rise first (ties by account id).' }),
    fell: Type.Array(RankMove, { description: 'Accounts in both whose trust rank fell most, largest fall first.' }),
    niches: Type.Array(
      Type.Object(
        {
          nicheId: Type.String(),
          event: LineageEventName,
          from: Type.Array(Type.Object({ nicheId: Type.String(), jaccard: Type.Number() }), { description: '`before` niches it relates to (Jaccard >= 0.3), best first.' }),
          corresponds: Type.Union([Type.String(), Type.Null()], { description: 'The `before` niche it continues (mutual best match), null when born.' }),
          size: Type.Integer({ minimum: 1 }),
          trustedGained: Type.Array(Type.String(), { description: 'Its trusted members that were not trusted in the corresponding `before` niche.' }),
          trustedLost: Type.Array(Type.String(), { description: 'Trusted members of the corresponding `before` niche that it no longer lists as trusted.' }),
        },
        { title: 'NicheComparison' },
      ),
      { description: 'The niches of `after` (the unassigned group not included), largest first.' },
    ),
    dissolved: Type.Array(Type.Object({ nicheId: Type.String(), size: Type.Integer(), trustedLost: Type.Array(Type.String()) }), {
      description: '`before` niches related to no niche of `after`, with their trusted members (all lost).',
    }),
  },
  { title: 'Comparison' },
);
