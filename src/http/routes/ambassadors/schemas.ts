/** Schemas of GET /v1/analyses/{analysisId}/ambassadors. */
import { Type } from 'typebox';
import { DEFAULTS } from '../../../analysis/ambassadors.js';
import { ID_PATTERN } from '../../schemas.js';

export const AmbassadorQuery = Type.Object({
  budget: Type.Integer({ minimum: 1, maximum: DEFAULTS.maxAll, default: 10, description: `How many accounts to equip (at most ${DEFAULTS.maxAll}; ${DEFAULTS.maxPerNiche} inside one niche).` }),
  niche: Type.Optional(Type.String({ pattern: ID_PATTERN, description: 'Choose only among the members of this niche.' })),
  community: Type.Optional(Type.String({ pattern: ID_PATTERN, description: 'Choose only among the members of this community.' })),
});

export const Ambassador = Type.Object(
  {
    position: Type.Integer({ description: '1 = the first to equip; the first K of any longer answer are the answer for budget K.' }),
    accountId: Type.String(),
    nicheId: Type.String(),
    communityId: Type.String(),
    score: Type.Number({ description: 'Its trust score in its niche.' }),
    trust: Type.Number({ description: 'score / (1 + score): how much its circle trusts it, in (0, 1).' }),
    role: Type.String(),
    circle: Type.Integer({ description: 'Accounts in niches with which it has a reciprocal tie.' }),
    newlyReached: Type.Integer({ description: 'Accounts no earlier pick reached (itself included).' }),
    newNiches: Type.Integer({ description: 'Niches no earlier pick reached.' }),
    gain: Type.Number({ description: 'Increase of the coverage objective (sum over niches of sqrt(covered)).' }),
    reached: Type.Integer({ description: 'Accounts reached by the picks up to this one.' }),
    nichesReached: Type.Integer({ description: 'Niches reached by the picks up to this one.' }),
    why: Type.String({ description: 'Why it was picked and what it adds, in one sentence.' }),
  },
  { title: 'Ambassador' },
);

export const AmbassadorList = Type.Object(
  {
    analysisId: Type.String(),
    scope: Type.Object({ kind: Type.Union([Type.Literal('all'), Type.Literal('niche'), Type.Literal('community')]), id: Type.Union([Type.String(), Type.Null()]) }),
    budget: Type.Integer(),
    method: Type.String({ description: 'How the order is made.' }),
    candidates: Type.Integer({ description: 'Accounts that could be chosen (in a niche, not broadcasters, trust > 0, a reciprocal tie).' }),
    reached: Type.Integer({ description: 'Accounts the whole list reaches (itself included).' }),
    nichesReached: Type.Integer(),
    niches: Type.Integer({ description: 'Niches of the analysis (or of the scope).' }),
    items: Type.Array(Ambassador),
  },
  { title: 'AmbassadorList' },
);
