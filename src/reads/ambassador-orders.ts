/**
 * The ambassador orders of a finished analysis (src/analysis/ambassadors.ts), from its
 * result as stored: every account's niche, trust score and role (accountResults) and the
 * reciprocated weight of every analysed tie (ties), so that the picks follow exactly what
 * the analysis saw, whatever was ingested since.
 *
 * One build reads the whole result once into typed arrays (accounts by position in member
 * order, the reciprocal ties as a CSR), computes every order (whole graph, per niche, per
 * community: prefix-consistent, so one build serves every budget) and keeps only what the
 * answers name: the picked accounts' ids and figures. Builds are kept in a cache bounded in
 * bytes, keyed by the result's version (an erasure that rewrites the result changes it);
 * concurrent first requests share one build.
 *
 * Results stored before the ties carried their reciprocated weight (ties blocks of version
 * 1) cannot be served: the directed weights are not in them, and the graph may have changed
 * since, so re-projecting it would answer for other data. Those answer TiesUnavailableError
 * (409 NG_TIES_UNAVAILABLE: analyse again).
 */
import { LRUCache } from 'lru-cache';
import { ambassadorOrders, type AmbassadorOrder, type AmbassadorOrders } from '../analysis/ambassadors.js';
import { ROLES } from '../analysis/roles.js';
import type { GraphStore, NicheRow } from '../store/port.js';
import { accountRows, communityOf, nicheRows, storedTies } from './stored-analysis.js';

/** The stored ties of an analysis lack their reciprocated weight (stored before it was kept). */
export class TiesUnavailableError extends Error {
  constructor(readonly analysisId: string) {
    super(`the stored ties of analysis '${analysisId}' carry no reciprocated weight (stored before it was kept)`);
    this.name = 'TiesUnavailableError';
  }
}

/** What the ambassadors route answers from: the orders over a table of the picked accounts. */
export interface StoredAmbassadors {
  /** Orders whose `account` entries index the pick table below. */
  orders: AmbassadorOrders;
  /** Niche rows of the analysis (rank order); `niche` of a pick indexes them. */
  niches: Array<Pick<NicheRow, 'id' | 'size' | 'unassigned'> & { communityId: string | null }>;
  /** Community ids by the index the per-community orders use. */
  communities: string[];
  /** Per community index: its niches. */
  communityNiches: Int32Array;
  /** The pick table: every account any order names. */
  picks: { id: string[]; niche: Int32Array; score: Float64Array; rank: Int32Array; role: string[] };
  bytes: number;
}

/** Grows a typed array to at least `n` entries (doubling). */
function grown<T extends Int32Array | Float64Array | Uint8Array>(a: T, n: number): T {
  if (n <= a.length) return a;
  const b = new (a.constructor as new (length: number) => T)(Math.max(n, 2 * a.length));
  b.set(a);
  return b;
}

const BROADCASTER = ROLES.indexOf('broadcaster');

/** Reads a stored result and computes its orders (see the module comment). */
export async function buildAmbassadors(store: GraphStore, analysisId: string, expectedAccounts = 0): Promise<StoredAmbassadors> {
  const rows = await nicheRows(store, analysisId);
  // Ambassador niche index = niche row for real niches; the unassigned group is -1 (no niche).
  const rowOf = new Map(rows.map((n, k) => [n.id, n.unassigned ? -1 : k]));
  const nicheCount = rows.filter((n) => !n.unassigned).length;
  const communityIndex = new Map<string, number>();
  const nicheCommunity = new Int32Array(nicheCount);
  for (let k = 0; k < rows.length; k++) {
    const n = rows[k] as NicheRow;
    if (n.unassigned) continue;
    const id = communityOf(n) ?? '';
    let c = communityIndex.get(id);
    if (c === undefined) communityIndex.set(id, (c = communityIndex.size));
    nicheCommunity[k] = c;
  }

  // Accounts by position in member order.
  let n = 0;
  let niche = new Int32Array(Math.max(16, expectedAccounts));
  let score = new Float64Array(niche.length);
  let rank = new Int32Array(niche.length);
  let role = new Uint8Array(niche.length);
  const ids: string[] = [];
  const position = new Map<string, number>();
  for await (const row of await accountRows(store, analysisId)) {
    niche = grown(niche, n + 1);
    score = grown(score, n + 1);
    rank = grown(rank, n + 1);
    role = grown(role, n + 1);
    niche[n] = rowOf.get(row.nicheId) ?? -1;
    score[n] = row.member.score;
    rank[n] = row.member.rank;
    role[n] = Math.max(0, ROLES.indexOf(row.member.role));
    ids.push(row.accountId);
    position.set(row.accountId, n);
    n++;
  }

  // The reciprocal ties (reciprocated weight > 0) as pairs, then a symmetric CSR: only they reach a circle.
  let a = new Int32Array(1024);
  let b = new Int32Array(1024);
  let w = new Float64Array(1024);
  let m = 0;
  for await (const tie of storedTies(store, analysisId)) {
    if (tie.reciprocated === null) throw new TiesUnavailableError(analysisId);
    if (!(tie.reciprocated > 0)) continue;
    a = grown(a, m + 1);
    b = grown(b, m + 1);
    w = grown(w, m + 1);
    a[m] = position.get(tie.source) as number;
    b[m] = position.get(tie.target) as number;
    w[m] = tie.reciprocated;
    m++;
  }
  position.clear();
  const offsets = new Int32Array(n + 1);
  for (let e = 0; e < m; e++) {
    offsets[(a[e] as number) + 1]! += 1;
    offsets[(b[e] as number) + 1]! += 1;
  }
  for (let i = 0; i < n; i++) offsets[i + 1] = (offsets[i + 1] as number) + (offsets[i] as number);
  const cursor = offsets.slice(0, n);
  const targets = new Int32Array(2 * m);
  const weights = new Float64Array(2 * m);
  for (let e = 0; e < m; e++) {
    for (const [from, to] of [[a[e] as number, b[e] as number], [b[e] as number, a[e] as number]] as const) {
      const at = cursor[from] as number;
      targets[at] = to;
      weights[at] = w[e] as number;
      cursor[from] = at + 1;
    }
  }

  const broadcaster = new Uint8Array(n);
  for (let i = 0; i < n; i++) broadcaster[i] = role[i] === BROADCASTER ? 1 : 0;
  const orders = ambassadorOrders({
    undirected: { offsets, targets, weights },
    reciprocalWeight: weights,
    niche: niche.subarray(0, n),
    nicheCount,
    nicheCommunity,
    communityCount: communityIndex.size,
    score: score.subarray(0, n),
    broadcaster,
  });

  // Keep only the accounts the orders name.
  const table = new Map<number, number>();
  const remap = (order: AmbassadorOrder): AmbassadorOrder => {
    const account = Int32Array.from(order.account, (u) => {
      let k = table.get(u);
      if (k === undefined) table.set(u, (k = table.size));
      return k;
    });
    return { ...order, account };
  };
  const kept: AmbassadorOrders = {
    all: remap(orders.all),
    byNiche: { offsets: orders.byNiche.offsets, order: remap(orders.byNiche.order) },
    byCommunity: { offsets: orders.byCommunity.offsets, order: remap(orders.byCommunity.order) },
    candidates: orders.candidates,
  };
  const picked = [...table.keys()];
  const picks = {
    id: picked.map((u) => ids[u] as string),
    niche: Int32Array.from(picked, (u) => niche[u] as number),
    score: Float64Array.from(picked, (u) => score[u] as number),
    rank: Int32Array.from(picked, (u) => rank[u] as number),
    role: picked.map((u) => ROLES[role[u] as number] as string),
  };
  const communityNiches = new Int32Array(communityIndex.size);
  for (const c of nicheCommunity) communityNiches[c]! += 1;
  let bytes = 1024 + 200 * rows.length;
  for (const o of [kept.all, kept.byNiche.order, kept.byCommunity.order]) bytes += 28 * o.account.length;
  for (const id of picks.id) bytes += 64 + 2 * id.length;
  return {
    orders: kept,
    niches: rows.map((r) => ({ id: r.id, size: r.size, unassigned: r.unassigned, communityId: communityOf(r) })),
    communities: [...communityIndex.keys()],
    communityNiches,
    picks,
    bytes,
  };
}

/** Built orders by analysis, bounded in bytes, rebuilt when the stored result's version changes. */
export class AmbassadorCache {
  private readonly cache: LRUCache<string, { version: string; value: StoredAmbassadors }>;
  private readonly building = new Map<string, Promise<StoredAmbassadors>>();

  constructor(
    private readonly store: GraphStore,
    maxBytes: number,
  ) {
    this.cache = new LRUCache({ maxSize: Math.max(1, maxBytes), sizeCalculation: (e) => Math.max(1, e.value.bytes) });
  }

  /** Null when the analysis has no stored result. */
  async get(analysisId: string, expectedAccounts = 0): Promise<StoredAmbassadors | null> {
    const v = await this.store.resultVersion(analysisId);
    if (!v) return null;
    const version = `${analysisId}\u0000${v.finishedAt}\u0000${v.revision}`;
    const hit = this.cache.get(analysisId);
    if (hit && hit.version === version) return hit.value;
    let pending = this.building.get(version);
    if (!pending) {
      pending = buildAmbassadors(this.store, analysisId, expectedAccounts).finally(() => this.building.delete(version));
      this.building.set(version, pending);
    }
    const value = await pending;
    this.cache.set(analysisId, { version, value });
    return value;
  }
}
