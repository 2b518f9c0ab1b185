/** Schemas of the analysis-graph routes: the niche-level graph, a niche's ties, the account graph. */
import { Type } from 'typebox';

export const NicheNode = Type.Object(
  {
    id: Type.String(),
    size: Type.Integer(),
    communityId: Type.Union([Type.String(), Type.Null()], { description: 'The community the niche lies in; null for the unassigned group.' }),
    unassigned: Type.Boolean(),
  },
  { title: 'NicheNode' },
);

export const NicheGraph = Type.Object(
  {
    analysisId: Type.String(),
    niches: Type.Array(NicheNode, { description: 'Largest first; the unassigned group (not a niche) last.' }),
    links: Type.Array(
      Type.Object({
        source: Type.String(),
        target: Type.String(),
        weight: Type.Number({ description: 'Summed positive weight of the ties between the two niches.' }),
        ties: Type.Integer({ description: 'How many ties join them.' }),
      }),
      { description: 'Strongest first; at most `maxLinks`.' },
    ),
    totalLinks: Type.Integer({ description: 'Pairs of niches joined by at least one tie.' }),
    communities: Type.Array(
      Type.Object({ id: Type.String(), niches: Type.Integer(), size: Type.Integer({ description: 'Accounts in its niches.' }) }),
      { description: 'Communities (groups of niches), largest first.' },
    ),
  },
  { title: 'NicheGraph' },
);

export const Tie = Type.Object(
  {
    source: Type.String(),
    target: Type.String(),
    weight: Type.Number({ description: 'Positive weight both ways.' }),
    reciprocated: Type.Union([Type.Number(), Type.Null()], {
      description: 'min of the two directions: 0 for a one-way tie; null for an analysis stored before ties carried it.',
    }),
  },
  { title: 'AnalysedTie' },
);

export const AccountGraph = Type.Object(
  {
    analysisId: Type.String(),
    niches: Type.Array(NicheNode),
    accounts: Type.Object(
      {
        id: Type.Array(Type.String()),
        niche: Type.Array(Type.Integer(), { description: 'Index into `niches`.' }),
        score: Type.Array(Type.Number()),
        rank: Type.Array(Type.Integer(), { description: 'Position in its niche by trust score (0 = most trusted).' }),
        role: Type.Array(Type.String()),
      },
      { description: 'Columns, one entry per account, niche by niche.' },
    ),
    ties: Type.Object(
      {
        source: Type.Array(Type.Integer(), { description: 'Index into the account columns.' }),
        target: Type.Array(Type.Integer()),
        weight: Type.Array(Type.Number()),
        reciprocated: Type.Optional(
          Type.Array(Type.Number(), { description: 'min of the two directions; absent for an analysis stored before ties carried it.' }),
        ),
      },
      { description: 'Columns, one entry per undirected tie: the ties the analysis saw, internal ones niche by niche, then those between niches.' },
    ),
  },
  { title: 'AccountGraph' },
);
