/**
 * TypeBox schemas of the results of a finished analysis: niches, members, account scores.
 */
import { Type } from 'typebox';
import { CENTRALITY_NAMES } from '../../../analysis/centrality/select.js';
import { LINEAGE_EVENTS } from '../../../analysis/lineage.js';
import { ID_PATTERN } from '../../schemas.js';

const Trusted = Type.Object({ accountId: Type.String(), score: Type.Number() }, { title: 'TrustedMember' });

export const Niche = Type.Object(
  {
    id: Type.String({
      description:
        'Stable across the analyses of a graph, not a rank (niches are listed largest first): a niche that continues a ' +
        'niche of the baseline analysis keeps its id; a new one gets an id never used before in the graph ("n" + a number). ' +
        '"unassigned" is the group of accounts in no niche.',
    }),
    communityId: Type.Union([Type.String(), Type.Null()], {
      description: 'The community the niche lies in (see listCommunities); null for the unassigned group.',
    }),
    size: Type.Integer({ minimum: 0, description: 'Members listed (an erasure removes its account from the list; 0 only when every member was erased).' }),
    redacted: Type.Optional(
      Type.Boolean({
        description:
          'Present (true) once an account of this niche was erased: the account is gone from every list, but density, conductance, ' +
          'stability, reciprocity, events, activity, dominant types and the members\' scores are those the analysis computed with ' +
          'its interactions (not recomputed: a new analysis gives exact figures without it).',
      }),
    ),
    density: Type.Number({ description: 'Internal account pairs that interacted / all internal pairs.' }),
    conductance: Type.Number({ description: 'Weight leaving the niche / min(volume of niche, volume of the rest); lower = more closed.' }),
    trusted: Type.Array(Trusted, { description: 'The topK members by trust score (broadcasters never listed).' }),
    unassigned: Type.Boolean({ description: 'True for the group "unassigned": accounts whose group was below minNicheSize (not a niche).' }),
    stability: Type.Number({ description: 'Mean Jaccard agreement with its counterpart in each Louvain run (1 = every run found it).' }),
    reciprocity: Type.Number({ description: 'Share of the internal positive weight that is reciprocated.' }),
    events: Type.Integer({ description: 'Interactions between members over the analysed window.' }),
    firstActivity: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
    lastActivity: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
    eventsPerDay: Type.Number({ description: 'Internal events per day between the first and last one (at least one day).' }),
    dominantTypes: Type.Array(Type.Object({ type: Type.String(), share: Type.Number() }), {
      description: 'Up to 3 interaction types by share of the internal events.',
    }),
    bridges: Type.Array(
      Type.Object({
        accountId: Type.String(),
        participation: Type.Number({ description: 'Guimera-Amaral participation coefficient.' }),
        toNiches: Type.Array(Type.String(), { description: 'Niches its ties reach most, strongest first.' }),
      }),
      { description: 'Connector hubs of the niche (Guimera & Amaral 2005), highest score first.' },
    ),
    lineage: Type.Optional(
      Type.Union(
        [
          Type.Object(
            {
              baselineAnalysisId: Type.String(),
              event: Type.Union(LINEAGE_EVENTS.map((e) => Type.Literal(e)), {
                description:
                  'Relative to the baseline niches it relates to (Jaccard >= 0.3, Greene et al. 2010): born (none), merged (two or more), ' +
                  'split (one, which relates to other niches too), grown / shrunk (one, one to one, at least 25% larger / smaller), continued.',
              }),
              from: Type.Array(Type.Object({ nicheId: Type.String(), jaccard: Type.Number({ minimum: 0, maximum: 1 }) }), {
                description: 'The baseline niches it relates to, highest Jaccard first.',
              }),
            },
            { title: 'NicheLineage' },
          ),
          Type.Null(),
        ],
        { description: "Where the niche comes from: present when the analysis has a baseline; null for the unassigned group." },
      ),
    ),
  },
  {
    title: 'Niche',
    examples: [
      {
        id: 'n0',
        communityId: 'c0',
        size: 212,
        density: 0.08,
        conductance: 0.11,
        trusted: [{ accountId: 'u0042', score: 3.1 }],
        unassigned: false,
        stability: 0.97,
        reciprocity: 0.64,
        events: 5230,
        firstActivity: '2026-10-01T08:12:00.000Z',
        lastActivity: '2026-10-30T21:40:00.000Z',
        eventsPerDay: 176.9,
        dominantTypes: [
          { type: 'reply', share: 0.52 },
          { type: 'mention', share: 0.31 },
        ],
        bridges: [{ accountId: 'u0107', participation: 0.41, toNiches: ['n3', 'n7'] }],
      },
    ],
  },
);

export const Community = Type.Object(
  {
    id: Type.String({ description: 'c0 is the largest community of the analysis.' }),
    size: Type.Integer({
      minimum: 0,
      description:
        'Accounts in the community (its niches and its accounts in the unassigned group). An erasure of a member of one of its niches ' +
        'lowers it (0 only when every member was erased); that of an account in the unassigned group does not (which community that ' +
        'account was in is not stored).',
    }),
    density: Type.Number({ description: 'Internal account pairs that interacted / all internal pairs.' }),
    conductance: Type.Number({ description: 'Weight leaving the community / min(volume of community, volume of the rest); lower = more closed.' }),
    niches: Type.Array(Type.String(), { description: 'Ids of the niches inside the community, largest first (see listNiches).' }),
    unassigned: Type.Integer({ minimum: 0, description: 'Accounts of the community in the unassigned group (their group was below minNicheSize).' }),
    redacted: Type.Optional(
      Type.Boolean({
        description:
          'Present (true) once an account of one of its niches was erased: size counts it no longer, density and conductance are those ' +
          'the analysis computed with its interactions (not recomputed: a new analysis gives exact figures without it).',
      }),
    ),
  },
  {
    title: 'Community',
    description: 'A coarse community: modularity at resolution 1 (Leiden), what igraph, NetworKit and leidenalg report; every niche lies in exactly one.',
    examples: [{ id: 'c0', size: 1840, density: 0.004, conductance: 0.06, niches: ['n0', 'n3', 'n9'], unassigned: 41 }],
  },
);

const ROLE = Type.Union(
  [
    Type.Literal('isolated'),
    Type.Literal('ultra-peripheral'),
    Type.Literal('peripheral'),
    Type.Literal('connector'),
    Type.Literal('kinless'),
    Type.Literal('provincial-hub'),
    Type.Literal('connector-hub'),
    Type.Literal('kinless-hub'),
    Type.Literal('broadcaster'),
  ],
  {
    description:
      'Guimera-Amaral role (z >= 2.5: provincial hub if P <= 0.30, the nano-influencer shape; connector hub if P <= 0.75), ' +
      'or broadcaster: a global audience hub that answers fewer than 10% of those who write to it.',
  },
);

const ScoreFields = {
  accountId: Type.String(),
  rank: Type.Integer({ description: 'Position in the niche by trust score: 0 = most trusted member.' }),
  score: Type.Number({ description: 'Trust score inside the niche = centrality * ties * positiveShare (1 = an average member).' }),
  centrality: Type.Number({ description: 'Within-niche positive PageRank * niche size (1 = niche average).' }),
  ties: Type.Number({ description: 'Tie-strength factor 1 + (reciprocity + repeat + embeddedness) / 3, in [1, 2].' }),
  positiveShare: Type.Number({ description: 'Net positive share of the weight received, max(0, (P - N + 2) / (P + N + 2)): each unit of complaint cancels one of praise; 1 without negative interactions.' }),
  reciprocity: Type.Number({ description: 'Share of the in-niche weight received that the account gives back.' }),
  repeat: Type.Number({ description: 'Share of in-niche contacts who came back (2+ interactions).' }),
  embeddedness: Type.Number({ description: 'Mean neighbourhood overlap of its in-niche ties (Onnela et al. 2007).' }),
  withinDegreeZ: Type.Number({ description: 'Within-niche degree z-score (Guimera & Amaral 2005).' }),
  participation: Type.Number({ description: 'Participation coefficient: 0 = all ties in its niche.' }),
  role: ROLE,
  confidence: Type.Number({ description: 'Share of the Louvain runs that put the account in its niche.' }),
  centralities: Type.Optional(
    Type.Object(Object.fromEntries(CENTRALITY_NAMES.map((n) => [n, Type.Optional(Type.Number())])), {
      additionalProperties: false,
      description: 'The extra centralities the analysis was asked for (its `centralities` param), by name.',
    }),
  ),
  pagerank: Type.Number({ description: 'Within-niche weighted PageRank on positive interactions.' }),
  globalPagerank: Type.Number({ description: 'Whole-graph weighted PageRank on positive interactions.' }),
  inStrength: Type.Number({ description: 'Positive weight received.' }),
  outStrength: Type.Number({ description: 'Positive weight given.' }),
  negativeInStrength: Type.Number({ description: 'Negative weight received (absolute value).' }),
  weightedDegree: Type.Number({ description: 'Positive weight on all ties, both directions.' }),
  internalShare: Type.Number({ description: 'Share of that weight inside the niche.' }),
};

const Tie = Type.Object(
  {
    accountId: Type.String(),
    weight: Type.Number({ description: 'Reciprocated weight min(w_ij, w_ji).' }),
    overlap: Type.Number({ description: 'Neighbourhood overlap of the tie (shared contacts).' }),
    sameNiche: Type.Boolean(),
  },
  { title: 'ReciprocalTie' },
);

export const Member = Type.Object(
  { ...ScoreFields, topTies: Type.Array(Type.String(), { description: 'Ids of its strongest reciprocal ties (up to 3), strongest first.' }) },
  { title: 'NicheMember' },
);

export const AccountScores = Type.Object(
  { ...ScoreFields, topTies: Type.Array(Tie, { description: 'Its strongest reciprocal ties (up to 3), strongest first.' }) },
  { title: 'AccountScores' },
);

export const NicheParams = Type.Object({
  analysisId: Type.String({ pattern: ID_PATTERN }),
  nicheId: Type.String({ pattern: ID_PATTERN }),
});

export const AccountParams = Type.Object({
  analysisId: Type.String({ pattern: ID_PATTERN }),
  accountId: Type.String({ minLength: 1, maxLength: 256 }),
});

export const AccountResult = Type.Object(
  {
    accountId: Type.String(),
    analysisId: Type.String(),
    niche: Type.Object({ id: Type.String(), size: Type.Integer(), unassigned: Type.Boolean() }),
    scores: AccountScores,
    explanation: Type.String({ description: 'Why this score, in one sentence.' }),
  },
  { title: 'AccountResult' },
);

/** 304: the client's copy (If-None-Match) is current; no body. */
export const NotModified = Type.Null({ description: 'Not Modified: the ETag given in If-None-Match is current (no body).' });

export const ActivityQuery = Type.Object({
  bucket: Type.Union([Type.Literal('day'), Type.Literal('week')], {
    default: 'week',
    description: 'UTC day, or ISO week (starting Monday 00:00 UTC).',
  }),
});

export const NicheActivity = Type.Object(
  {
    analysisId: Type.String(),
    nicheId: Type.String(),
    bucket: Type.Union([Type.Literal('day'), Type.Literal('week')]),
    from: Type.Union([Type.String({ format: 'date-time' }), Type.Null()], {
      description: "The span counted: the niche's first internal activity the analysis recorded (null without timestamped events).",
    }),
    to: Type.Union([Type.String({ format: 'date-time' }), Type.Null()], {
      description: "The niche's last internal activity the analysis recorded (inclusive): later events are not counted.",
    }),
    events: Type.Integer({ minimum: 0, description: 'Events between current members in the span (a folded relationship counts its events).' }),
    earlierEvents: Type.Integer({
      minimum: 0,
      description: 'Events of the span before the first bucket listed (at most 366 daily or 104 weekly buckets are listed, the latest ones).',
    }),
    buckets: Type.Array(
      Type.Object({ start: Type.String({ format: 'date-time' }), events: Type.Integer({ minimum: 0 }) }, { title: 'ActivityBucket' }),
      { maxItems: 366, description: 'Contiguous buckets, oldest first, zeros included; empty for the unassigned group and without timestamped events.' },
    ),
  },
  {
    title: 'NicheActivity',
    description:
      'Events between the niche\'s current members (self-loops and types weighted 0 left out), read from the graph: an erased account ' +
      'and its interactions are not counted; an event ingested after the analysis with a timestamp inside the span is (interactions carry no ' +
      'ingestion version), so the answer is not cached. The analysis\'s minWeight is not applied.',
  },
);
