/**
 * Result reading: niches of an analysis by page, a niche's members by page, one account's
 * result (cypher/niches-page.cypher, members-page.cypher, account-result.cypher).
 */
import type { Neo4jContext } from './neo4j-context.js';
import { firstRecord, int, str, strOrNull, toNumber, type Row } from './neo4j-values.js';
import type { AccountResultRow, MemberRow, NicheRow, Page } from './port.js';

export class Neo4jResultReader {
  constructor(private readonly ctx: Neo4jContext) {}

  async listNiches(analysisId: string, page: { limit: number; offset: number }): Promise<Page<NicheRow>> {
    const r = firstRecord(
      await this.ctx.read('niches-page', { analysisId, offset: int(page.offset), limit: int(page.limit) }),
    );
    if (!r) return { total: 0, items: [] };
    return {
      total: toNumber(r.get('total')),
      items: (r.get('items') as Row[]).map((n) => {
        const ids = (n.trustedIds ?? []) as unknown[];
        const scores = (n.trustedScores ?? []) as unknown[];
        return {
          id: str(n.id),
          size: toNumber(n.size),
          density: toNumber(n.density),
          conductance: toNumber(n.conductance),
          trusted: ids.map((id, i) => ({ accountId: str(id), score: toNumber(scores[i]) })),
          unassigned: n.unassigned === true,
          stability: toNumber(n.stability),
          reciprocity: toNumber(n.reciprocity),
          events: toNumber(n.events),
          firstActivity: strOrNull(n.firstActivity),
          lastActivity: strOrNull(n.lastActivity),
          eventsPerDay: toNumber(n.eventsPerDay),
          dominantTypes: ((n.typeNames ?? []) as unknown[]).map((type, i) => ({
            type: str(type),
            share: toNumber(((n.typeShares ?? []) as unknown[])[i]),
          })),
          bridges: ((n.bridgeIds ?? []) as unknown[]).map((id, i) => {
            const to = str(((n.bridgeTo ?? []) as unknown[])[i]);
            return {
              accountId: str(id),
              participation: toNumber(((n.bridgeParticipation ?? []) as unknown[])[i]),
              toNiches: to === '' ? [] : to.split(','),
            };
          }),
        };
      }),
    };
  }

  async listMembers(
    analysisId: string,
    nicheId: string,
    page: { limit: number; offset: number },
  ): Promise<Page<MemberRow> | null> {
    const r = firstRecord(
      await this.ctx.read('members-page', { analysisId, nicheId, offset: int(page.offset), limit: int(page.limit) }),
    );
    if (!r) return null;
    return {
      total: toNumber(r.get('total')),
      items: (r.get('items') as Row[]).map(toMemberRow),
    };
  }

  async getAccountResult(analysisId: string, accountId: string): Promise<AccountResultRow | null> {
    const r = firstRecord(await this.ctx.read('account-result', { analysisId, accountId }));
    if (!r) return null;
    return {
      accountId: str(r.get('accountId')),
      nicheId: str(r.get('nicheId')),
      nicheSize: toNumber(r.get('nicheSize')),
      unassigned: r.get('unassigned') === true,
      member: toMemberRow(r.get('member') as Row),
    };
  }
}

function toMemberRow(row: Row): MemberRow {
  return {
    accountId: str(row.accountId),
    rank: toNumber(row.rank),
    score: toNumber(row.score),
    pagerank: toNumber(row.pagerank),
    globalPagerank: toNumber(row.globalPagerank),
    inStrength: toNumber(row.inStrength),
    outStrength: toNumber(row.outStrength),
    negativeInStrength: toNumber(row.negativeInStrength),
    weightedDegree: toNumber(row.weightedDegree),
    internalShare: toNumber(row.internalShare),
    centrality: toNumber(row.centrality),
    ties: toNumber(row.ties),
    positiveShare: toNumber(row.positiveShare),
    reciprocity: toNumber(row.reciprocity),
    repeat: toNumber(row.repeat),
    embeddedness: toNumber(row.embeddedness),
    withinDegreeZ: toNumber(row.withinDegreeZ),
    participation: toNumber(row.participation),
    role: str(row.role) as MemberRow['role'],
    confidence: toNumber(row.confidence),
    topTies: ((row.tieIds ?? []) as unknown[]).map((id, i) => ({
      accountId: str(id),
      weight: toNumber(((row.tieWeights ?? []) as unknown[])[i]),
      overlap: toNumber(((row.tieOverlaps ?? []) as unknown[])[i]),
      sameNiche: ((row.tieSameNiche ?? []) as unknown[])[i] === true,
    })),
    ...centralitiesOf(row),
  };
}

/** The extra centralities stored as parallel lists, back as a map; nothing when none was asked. */
function centralitiesOf(row: Row): { centralities?: Record<string, number> } {
  const names = (row.centralityNames ?? []) as unknown[];
  if (names.length === 0) return {};
  const values = (row.centralityValues ?? []) as unknown[];
  return { centralities: Object.fromEntries(names.map((name, i) => [str(name), toNumber(values[i])])) };
}
