/**
 * Comparison of two analyses of a graph (issue 12 item 5): what happened to the niches,
 * who changed niche, whose trust rank rose or fell most, and which trusted members each
 * niche gained or lost.
 *
 * Niches correspond through lineage.ts (best-match Jaccard, Greene et al. 2010) computed
 * between the two analyses directly, so any two analyses compare, not only an analysis
 * and its baseline: a niche of `after` corresponds to the `before` niche whose id it would
 * keep; a born niche corresponds to none. An account present in both changed niche when
 * its `after` niche does not correspond to its `before` niche (entering or leaving the
 * unassigned group counts as a change). Trust rank: 1-based position by score over all
 * accounts of the analysis (scores compare across niches: 1 = an average member), ties by
 * account id. Trusted gained / lost per niche: its trusted members that were not trusted
 * in the corresponding `before` niche, and the reverse; a dissolved niche lost all its
 * trusted members.
 */
import { lineageCounts, nicheLineage, type LineageEvent } from './lineage.js';

export const DEFAULTS = {
  /** Risers and fallers listed. */
  movers: 10,
};

export interface MembershipRow {
  accountId: string;
  /** The niche id, or the unassigned group's. */
  nicheId: string;
  unassigned: boolean;
  score: number;
  /** Listed among its niche's trusted members. */
  trusted: boolean;
}

export interface RankMove {
  accountId: string;
  before: { rank: number; score: number; nicheId: string };
  after: { rank: number; score: number; nicheId: string };
  /** before.rank - after.rank: > 0 rose. */
  change: number;
}

export interface NicheComparison {
  nicheId: string;
  event: LineageEvent;
  from: Array<{ nicheId: string; jaccard: number }>;
  /** The corresponding `before` niche, or null (born). */
  corresponds: string | null;
  size: number;
  trustedGained: string[];
  trustedLost: string[];
}

export interface Comparison {
  events: Record<LineageEvent | 'dissolved', number>;
  niches: NicheComparison[];
  dissolved: Array<{ nicheId: string; size: number; trustedLost: string[] }>;
  accounts: { inBoth: number; changedNiche: number; joined: number; left: number };
  rose: RankMove[];
  fell: RankMove[];
}

const PREFIX = 'nichegraph/analysis/compare';

interface Side {
  rows: MembershipRow[];
  byAccount: Map<string, number>;
  nicheIds: string[];
  nicheOf: Int32Array;
  nicheSize: number[];
  rank: Int32Array;
}

function side(rows: readonly MembershipRow[], name: string): Side {
  const byAccount = new Map<string, number>();
  const nicheIndex = new Map<string, number>();
  const nicheIds: string[] = [];
  const nicheSize: number[] = [];
  const nicheOf = new Int32Array(rows.length).fill(-1);
  rows.forEach((r, i) => {
    if (byAccount.has(r.accountId)) throw new RangeError(`${PREFIX}: account ${r.accountId} is listed twice in ${name}.`);
    byAccount.set(r.accountId, i);
    if (r.unassigned) return;
    let k = nicheIndex.get(r.nicheId);
    if (k === undefined) {
      k = nicheIds.length;
      nicheIndex.set(r.nicheId, k);
      nicheIds.push(r.nicheId);
      nicheSize.push(0);
    }
    nicheOf[i] = k;
    nicheSize[k] = (nicheSize[k] as number) + 1;
  });
  const order = rows.map((_, i) => i).sort((a, b) => (rows[b] as MembershipRow).score - (rows[a] as MembershipRow).score || ((rows[a] as MembershipRow).accountId < (rows[b] as MembershipRow).accountId ? -1 : 1));
  const rank = new Int32Array(rows.length);
  order.forEach((i, position) => (rank[i] = position + 1));
  return { rows: [...rows], byAccount, nicheIds, nicheOf, nicheSize, rank };
}

/** Compares two analyses given as one membership row per account. */
export function compareMemberships(beforeRows: readonly MembershipRow[], afterRows: readonly MembershipRow[], options?: { movers?: number }): Comparison {
  const movers = options?.movers ?? DEFAULTS.movers;
  if (!Number.isInteger(movers) || movers < 0) throw new RangeError(`${PREFIX}: movers must be an integer >= 0, got ${String(movers)}.`);
  const before = side(beforeRows, 'before');
  const after = side(afterRows, 'after');

  // Lineage over the accounts of `after`; members of `before` niches absent from `after` count in their size.
  const baseline = new Int32Array(after.rows.length).fill(-1);
  after.rows.forEach((r, i) => {
    const j = before.byAccount.get(r.accountId);
    if (j !== undefined) baseline[i] = before.nicheOf[j] as number;
  });
  const lineage = nicheLineage({ current: after.nicheOf, currentCount: after.nicheIds.length, baseline, baselineSize: before.nicheSize });
  const correspondsTo = lineage.niches.map((n) => n.keeps);

  // Trusted members per niche, each side read once (not once per niche).
  const trustedBy = (s: Side): Array<Set<string>> => {
    const out = s.nicheIds.map(() => new Set<string>());
    s.rows.forEach((r, i) => {
      const k = s.nicheOf[i] as number;
      if (k >= 0 && r.trusted) (out[k] as Set<string>).add(r.accountId);
    });
    return out;
  };
  const trustedBefore = trustedBy(before);
  const trustedAfter = trustedBy(after);
  const trustedIn = (s: Side, k: number): Set<string> => ((s === before ? trustedBefore : trustedAfter)[k] as Set<string>);
  const niches: NicheComparison[] = lineage.niches.map((n, k) => {
    const now = trustedIn(after, k);
    const then = n.keeps >= 0 ? trustedIn(before, n.keeps) : new Set<string>();
    return {
      nicheId: after.nicheIds[k] as string,
      event: n.event,
      from: n.from.map((f) => ({ nicheId: before.nicheIds[f.baseline] as string, jaccard: f.jaccard })),
      corresponds: n.keeps >= 0 ? (before.nicheIds[n.keeps] as string) : null,
      size: after.nicheSize[k] as number,
      trustedGained: [...now].filter((id) => !then.has(id)).sort(),
      trustedLost: [...then].filter((id) => !now.has(id)).sort(),
    };
  });
  const dissolved = lineage.dissolved.map((b) => ({ nicheId: before.nicheIds[b] as string, size: before.nicheSize[b] as number, trustedLost: [...trustedIn(before, b)].sort() }));

  let inBoth = 0;
  let changedNiche = 0;
  const moves: RankMove[] = [];
  after.rows.forEach((r, i) => {
    const j = before.byAccount.get(r.accountId);
    if (j === undefined) return;
    inBoth++;
    const was = before.nicheOf[j] as number;
    const is = after.nicheOf[i] as number;
    const same = is < 0 ? was < 0 : was >= 0 && correspondsTo[is] === was;
    if (!same) changedNiche++;
    const b = before.rows[j] as MembershipRow;
    moves.push({
      accountId: r.accountId,
      before: { rank: before.rank[j] as number, score: b.score, nicheId: b.nicheId },
      after: { rank: after.rank[i] as number, score: r.score, nicheId: r.nicheId },
      change: (before.rank[j] as number) - (after.rank[i] as number),
    });
  });
  const byId = (a: RankMove, b: RankMove): number => (a.accountId < b.accountId ? -1 : 1);
  const rose = moves.filter((m) => m.change > 0).sort((a, b) => b.change - a.change || byId(a, b)).slice(0, movers);
  const fell = moves.filter((m) => m.change < 0).sort((a, b) => a.change - b.change || byId(a, b)).slice(0, movers);
  return {
    events: lineageCounts(lineage),
    niches,
    dissolved,
    accounts: { inBoth, changedNiche, joined: after.rows.length - inBoth, left: before.rows.length - inBoth },
    rose,
    fell,
  };
}
