/**
 * Planted truth vs what the analysis found: for each found niche, the planted niche it
 * mostly matches and whether that niche's planted trusted members made its top-K; over
 * all, the NMI between the two partitions, how many planted trusted members are in the
 * top-K of the niche they landed in, and whether broadcasters or trolls were ranked as
 * trusted (the service should not: an audience without reciprocal ties is not trust,
 * and negative ratings should lower it).
 */
import { normalizedMutualInformation } from '../../src/analysis/partition-similarity.js';
import type { PlantedTruth } from '../../src/synthetic/conversation-graph.js';

export interface FoundNiche {
  id: string;
  size: number;
  density: number;
  conductance: number;
  /** The niche's top-K, highest score first. */
  trusted: Array<{ accountId: string; score: number }>;
  /** Every member account id. */
  members: string[];
}

export interface NicheMatch {
  plantedId: string;
  /** Members shared by the found niche and the planted niche. */
  overlap: number;
  /** overlap / found niche size: how pure the found niche is. */
  precision: number;
  /** overlap / planted niche size: how much of the planted niche it holds. */
  recall: number;
}

export interface RankedAccount {
  accountId: string;
  nicheId: string;
  /** 1 = first of the niche's trusted list. */
  rank: number;
}

export interface NicheComparison {
  niche: FoundNiche;
  /** The planted niche holding most of its members (ties: smallest planted id); null if none. */
  match: NicheMatch | null;
  /** The matched planted niche's trusted members. */
  plantedTrusted: string[];
  /** Those of plantedTrusted that are in this niche's top-K. */
  plantedTrustedFound: string[];
}

export interface Comparison {
  niches: NicheComparison[];
  /** NMI between planted and found niches over the planted niche members (broadcasters left out). */
  nmi: number;
  nmiAccounts: number;
  /** Planted trusted members found in the top-K of the found niche they belong to. */
  trustedFound: number;
  trustedTotal: number;
  /** Planted trusted members not in the top-K of their found niche (nicheId null: in no found niche). */
  trustedMissed: Array<{ accountId: string; plantedId: string; nicheId: string | null }>;
  /** Planted niches that no found niche both mostly matches and holds at least half of (split or merged away). */
  plantedNotRecovered: string[];
  broadcastersTrusted: RankedAccount[];
  trollsTrusted: RankedAccount[];
}

function rankedIn(found: readonly FoundNiche[], accounts: readonly string[]): RankedAccount[] {
  const wanted = new Set(accounts);
  const out: RankedAccount[] = [];
  for (const niche of found) {
    niche.trusted.forEach((t, i) => {
      if (wanted.has(t.accountId)) out.push({ accountId: t.accountId, nicheId: niche.id, rank: i + 1 });
    });
  }
  return out;
}

export function comparePlantedAndFound(planted: PlantedTruth, found: readonly FoundNiche[]): Comparison {
  const plantedOf = new Map<string, string>();
  const plantedSize = new Map<string, number>();
  const plantedTrusted = new Map<string, string[]>();
  for (const p of planted.niches) {
    plantedSize.set(p.id, p.members.length);
    plantedTrusted.set(p.id, p.trusted);
    for (const m of p.members) plantedOf.set(m, p.id);
  }
  const foundOf = new Map<string, string>();
  for (const f of found) for (const m of f.members) foundOf.set(m, f.id);

  const niches: NicheComparison[] = found.map((niche) => {
    const counts = new Map<string, number>();
    for (const m of niche.members) {
      const p = plantedOf.get(m);
      if (p !== undefined) counts.set(p, (counts.get(p) ?? 0) + 1);
    }
    let match: NicheMatch | null = null;
    for (const [plantedId, overlap] of counts) {
      if (match === null || overlap > match.overlap || (overlap === match.overlap && plantedId < match.plantedId)) {
        match = {
          plantedId,
          overlap,
          precision: overlap / Math.max(1, niche.members.length),
          recall: overlap / (plantedSize.get(plantedId) ?? 1),
        };
      }
    }
    const expected = match ? (plantedTrusted.get(match.plantedId) ?? []) : [];
    const top = new Set(niche.trusted.map((t) => t.accountId));
    return { niche, match, plantedTrusted: expected, plantedTrustedFound: expected.filter((a) => top.has(a)) };
  });

  const nmiAccounts = [...plantedOf.keys()];
  const nmi = normalizedMutualInformation(
    nmiAccounts.map((a) => plantedOf.get(a) ?? ''),
    nmiAccounts.map((a) => foundOf.get(a) ?? `unassigned:${a}`),
  );

  const topOf = new Map(found.map((f) => [f.id, new Set(f.trusted.map((t) => t.accountId))]));
  let trustedFound = 0;
  let trustedTotal = 0;
  const trustedMissed: Comparison['trustedMissed'] = [];
  for (const p of planted.niches) {
    for (const a of p.trusted) {
      trustedTotal++;
      const nicheId = foundOf.get(a) ?? null;
      if (nicheId !== null && topOf.get(nicheId)?.has(a)) trustedFound++;
      else trustedMissed.push({ accountId: a, plantedId: p.id, nicheId });
    }
  }

  const bestRecall = new Map<string, number>();
  for (const c of niches) {
    if (c.match) bestRecall.set(c.match.plantedId, Math.max(bestRecall.get(c.match.plantedId) ?? 0, c.match.recall));
  }
  const plantedNotRecovered = planted.niches.filter((p) => (bestRecall.get(p.id) ?? 0) < 0.5).map((p) => p.id);

  return {
    niches,
    nmi,
    nmiAccounts: nmiAccounts.length,
    trustedFound,
    trustedTotal,
    trustedMissed,
    plantedNotRecovered,
    broadcastersTrusted: rankedIn(found, planted.broadcasters),
    trollsTrusted: rankedIn(found, planted.trolls),
  };
}

/** A community as the API lists it. */
export interface FoundCommunity {
  id: string;
  size: number;
  density: number;
  conductance: number;
  /** Its niches' ids, largest first. */
  niches: string[];
  /** Its accounts in the unassigned group. */
  unassigned: number;
}

export interface CommunityComparison {
  community: FoundCommunity;
  /** The planted community holding most of its niches' members (ties: smallest planted id); null if none. */
  match: NicheMatch | null;
}

export interface CommunityLevel {
  communities: CommunityComparison[];
  /** NMI between planted and found communities over the planted community members (an account in no niche counts alone). */
  nmi: number;
  nmiAccounts: number;
  /** Planted communities that no found community both mostly matches and holds at least half of. */
  plantedNotRecovered: string[];
  /** Found niches whose members come mostly from the planted community of their community's match. */
  nestedNiches: number;
  niches: number;
}

/**
 * The community level against the planted communities: a found community's accounts are
 * its niches' members (its accounts in the unassigned group are not listed by the API, so
 * they count as accounts of no community here, like an account in no niche in the NMI).
 */
export function comparePlantedCommunities(planted: PlantedTruth, communities: readonly FoundCommunity[], found: readonly FoundNiche[]): CommunityLevel {
  const plantedOf = new Map<string, string>();
  const plantedSize = new Map<string, number>();
  for (const p of planted.communities) {
    plantedSize.set(p.id, p.members.length);
    for (const m of p.members) plantedOf.set(m, p.id);
  }
  const nicheById = new Map(found.map((f) => [f.id, f]));
  const communityOf = new Map<string, string>();
  let nestedNiches = 0;
  let niches = 0;
  const rows: CommunityComparison[] = communities.map((community) => {
    const counts = new Map<string, number>();
    let accounts = 0;
    for (const nicheId of community.niches) {
      for (const m of nicheById.get(nicheId)?.members ?? []) {
        communityOf.set(m, community.id);
        accounts++;
        const p = plantedOf.get(m);
        if (p !== undefined) counts.set(p, (counts.get(p) ?? 0) + 1);
      }
    }
    let match: NicheMatch | null = null;
    for (const [plantedId, overlap] of counts) {
      if (match === null || overlap > match.overlap || (overlap === match.overlap && plantedId < match.plantedId)) {
        match = { plantedId, overlap, precision: overlap / Math.max(1, accounts), recall: overlap / (plantedSize.get(plantedId) ?? 1) };
      }
    }
    // A niche is nested when most of its members come from its community's planted community.
    for (const nicheId of community.niches) {
      const members = nicheById.get(nicheId)?.members ?? [];
      if (members.length === 0) continue;
      niches++;
      const inside = members.filter((m) => match !== null && plantedOf.get(m) === match.plantedId).length;
      if (2 * inside > members.length) nestedNiches++;
    }
    return { community, match };
  });
  const nmiAccounts = [...plantedOf.keys()];
  const nmi = normalizedMutualInformation(
    nmiAccounts.map((a) => plantedOf.get(a) ?? ''),
    nmiAccounts.map((a) => communityOf.get(a) ?? `none:${a}`),
  );
  const bestRecall = new Map<string, number>();
  for (const c of rows) if (c.match) bestRecall.set(c.match.plantedId, Math.max(bestRecall.get(c.match.plantedId) ?? 0, c.match.recall));
  const plantedNotRecovered = planted.communities.filter((p) => (bestRecall.get(p.id) ?? 0) < 0.5).map((p) => p.id);
  return { communities: rows, nmi, nmiAccounts: nmiAccounts.length, plantedNotRecovered, nestedNiches, niches };
}
