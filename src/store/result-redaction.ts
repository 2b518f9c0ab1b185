/**
 * Redaction of a stored result (the erasure of accounts, erasure.ts): the result of one
 * succeeded analysis is rewritten as if the erased accounts had never been in it, in one
 * write transaction (cypher/result-redact-*.cypher), so a reader sees the old version or the
 * new one, never a mixture.
 *
 * What goes: the accounts' ids (index blocks), their member rows and scores (members
 * blocks), every analysed tie they are an end of (ties blocks), every top tie of another
 * member that points at them, their place in their niche's memberIds, trusted list and
 * bridges, their IN_NICHE relationships, and (writeBack 'full') their id in other members'
 * IN_NICHE tieIds. The rest is re-indexed: account indices and member positions close up,
 * ranks in the niche close up (the next member moves up), the trusted list is the analysis'
 * own rule again (the first topK members by rank that are not broadcasters), and the counts
 * that the stored data determines are updated (niche size, ties, the analysis' accounts,
 * edges and unassigned, the size of the community of an erased niche member; not that of an
 * erased unassigned account, whose community is not stored).
 *
 * What stays, marked: every figure that was computed from the interactions (niche density,
 * conductance, stability, reciprocity, events and activity, dominant types; every member's
 * scores; the analysis' modularity and mean confidence; community density and conductance,
 * the community then flagged `redacted`; lineage Jaccards and events, on the niche and its
 * CONTINUES relationships, which record the match that gave it its id). These came out of the partition
 * and the rankings that the erased accounts' interactions helped shape: recomputing some of
 * them from what is left would give a result that no analysis produced. The niche is
 * flagged `redacted: true`, the analysis counts `erasures`, and a new analysis gives exact
 * figures without the erased accounts (their interactions are gone from the graph).
 *
 * The analysis' resultRevision is raised in the same transaction, so ETags change and the
 * readers' caches (keyed by revision, result-reading.ts) never mix the two versions.
 * Memory: the transaction holds the stored result's blocks twice (old and new; about 5 MB
 * each for higgs-retweet's 256k accounts, bench/README.md "Persistence").
 */
import type { ManagedTransaction } from 'neo4j-driver';
import { ROLES } from '../analysis/roles.js';
import type { AccountColumns } from '../analysis/types.js';
import type { Neo4jContext } from './neo4j-context.js';
import { int, str, toNumber, type Row } from './neo4j-values.js';
import {
  decodeIndexBlock,
  decodeMemberBlock,
  decodeTieBlock,
  resultBlocks,
  SCORE_COLUMNS,
  type BlockRow,
  type BlockSource,
  type MemberBlock,
  type ScoreColumn,
} from './result-blocks.js';
import { decodeCatalogue, encodeCatalogue, type CatalogueRows } from './result-catalogue.js';
import { BROWSER_TRUSTED_LINKS } from './result-writing.js';

const BROADCASTER = ROLES.indexOf('broadcaster');

export interface Redaction {
  /** Accounts removed from the result (0: none of the ids was in it, nothing written). */
  removed: number;
}

/**
 * Removes the accounts named by `isErased` (id -> erased?) from the stored result of one
 * analysis; a result without any of them is left untouched (no revision raised).
 */
export async function redactResult(ctx: Neo4jContext, analysisId: string, isErased: (id: string) => boolean): Promise<Redaction> {
  return ctx.inWrite(async (tx) => {
    // Locks the Analysis node first: two redactions of one result run one after the other.
    const locked = await tx.run(ctx.q.get('result-redact-lock'), { analysisId });
    const head = locked.records[0];
    if (!head) return { removed: 0 };
    const graphId = str(head.get('graphId'));
    const params = JSON.parse(String(head.get('params') ?? '{}')) as { topK?: number };
    const topK = typeof params.topK === 'number' ? params.topK : 5;
    const stored = await readStored(ctx, tx, analysisId);
    const erased: number[] = [];
    stored.ids.forEach((id, i) => {
      if (isErased(id)) erased.push(i);
    });
    if (erased.length === 0) {
      await tx.run(ctx.q.get('result-redact-unlock'), { analysisId });
      return { removed: 0 };
    }
    const next = without(stored, new Set(erased));
    await write(ctx, tx, analysisId, graphId, stored, next, erased, topK);
    return { removed: erased.length };
  });
}

// ------------------------------------------------------------------ reading

interface StoredNiche {
  id: string;
  /** The community the niche lies in (null: the unassigned group, or a result stored before the community level). */
  communityId: string | null;
  unassigned: boolean;
  memberStart: number;
  tieStart: number;
  tieCount: number;
  bridgeIds: string[];
  bridgeParticipation: number[];
  bridgeTo: string[];
}

/** A stored result decoded into columns, in member order (p) and account order (i). */
interface Stored {
  niches: StoredNiche[];
  ids: string[];
  /** Per member position p. */
  account: Int32Array;
  niche: Int32Array;
  members: MemberBlock[];
  tieSource: Int32Array;
  tieTarget: Int32Array;
  tieWeight: Float64Array;
  /** Reciprocated weight per tie (0 for ties of blocks stored before it was kept: format 1). */
  tieReciprocated: Float64Array;
  centralityNames: string[];
  /** The lease holder that wrote the blocks (result-blocks.cypher's $owner), kept by the rewrite. */
  writer: string | null;
  /** The catalogue block's rows (result-catalogue.ts); null for a result stored before it existed. */
  catalogue: CatalogueRows | null;
}

async function readStored(ctx: Neo4jContext, tx: ManagedTransaction, analysisId: string): Promise<Stored> {
  let catalogue: CatalogueRows | null = null;
  const blockRes = await tx.run(ctx.q.get('result-redact-blocks-read'), { analysisId });
  const ids: string[] = [];
  const members: MemberBlock[] = [];
  const ties: Array<ReturnType<typeof decodeTieBlock>> = [];
  let centralityNames: string[] = [];
  let writer: string | null = null;
  for (const r of blockRes.records) {
    writer ??= (r.get('writer') as string | null) ?? null;
    const kind = str(r.get('kind'));
    const seq = toNumber(r.get('seq'));
    const data = r.get('data') as Int8Array;
    if (kind === 'index') ids.push(...decodeIndexBlock(seq, ((r.get('ids') ?? []) as unknown[]).map(str), data).ids);
    else if (kind === 'members') {
      centralityNames = ((r.get('centralityNames') ?? []) as unknown[]).map(str);
      members.push(decodeMemberBlock(seq, centralityNames, data));
    } else if (kind === 'ties') ties.push(decodeTieBlock(seq, data));
    else if (kind === 'catalogue') catalogue = decodeCatalogue(data);
  }
  // The niche rows: the catalogue block's, or (a result stored before it) the nodes'.
  let niches: StoredNiche[];
  if (catalogue !== null) {
    niches = (catalogue as CatalogueRows).niches.map((n) => ({ ...n, unassigned: n.unassigned === true }));
  } else {
    const nicheRes = await tx.run(ctx.q.get('result-redact-niches-read'), { analysisId });
    niches = nicheRes.records.map((r) => ({
      id: str(r.get('id')),
      communityId: r.get('communityId') === null || r.get('communityId') === undefined ? null : str(r.get('communityId')),
      unassigned: r.get('unassigned') === true,
      memberStart: toNumber(r.get('memberStart')),
      tieStart: toNumber(r.get('tieStart')),
      tieCount: toNumber(r.get('tieCount')),
      bridgeIds: ((r.get('bridgeIds') ?? []) as unknown[]).map(str),
      bridgeParticipation: ((r.get('bridgeParticipation') ?? []) as unknown[]).map((x) => toNumber(x)),
      bridgeTo: ((r.get('bridgeTo') ?? []) as unknown[]).map(str),
    }));
  }
  const n = ids.length;
  const account = new Int32Array(n);
  const niche = new Int32Array(n);
  for (const b of members) {
    account.set(b.account, b.start);
    niche.set(b.niche, b.start);
  }
  const tieCount = ties.reduce((s, b) => s + b.count, 0);
  const tieSource = new Int32Array(tieCount);
  const tieTarget = new Int32Array(tieCount);
  const tieWeight = new Float64Array(tieCount);
  const tieReciprocated = new Float64Array(tieCount);
  for (const b of ties) {
    tieSource.set(b.source, b.start);
    tieTarget.set(b.target, b.start);
    tieWeight.set(b.weight, b.start);
    if (b.reciprocated) tieReciprocated.set(b.reciprocated, b.start);
  }
  return { niches, ids, account, niche, members, tieSource, tieTarget, tieWeight, tieReciprocated, centralityNames, writer, catalogue };
}

// ------------------------------------------------------------------ the result without them

interface Next {
  source: BlockSource;
  /** New member position of each row's first member, and each row's internal ties. */
  memberStarts: Int32Array;
  tieStarts: Int32Array;
  /** Old account index -> new one (-1: erased). */
  newIndex: Int32Array;
  /** Old account indices whose top ties pointed at an erased account. */
  tiesChanged: number[];
}

function without(s: Stored, erased: Set<number>): Next {
  const n = s.ids.length;
  const rows = s.niches.length;
  const newIndex = new Int32Array(n).fill(-1);
  let kept = 0;
  for (let i = 0; i < n; i++) if (!erased.has(i)) newIndex[i] = kept++;
  const ids = s.ids.filter((_, i) => !erased.has(i));

  // Member order without the erased; member positions and ranks close up.
  const members = new Int32Array(kept);
  const memberStarts = new Int32Array(rows + 1);
  const rowCounts = new Int32Array(rows);
  for (let p = 0; p < n; p++) {
    const r = s.niche[p] as number;
    if (!erased.has(s.account[p] as number)) rowCounts[r] = (rowCounts[r] as number) + 1;
  }
  for (let r = 0; r < rows; r++) memberStarts[r + 1] = (memberStarts[r] as number) + (rowCounts[r] as number);

  const k = s.centralityNames.length;
  const a: AccountColumns = {
    count: kept,
    ids,
    niche: new Int32Array(kept),
    rank: new Int32Array(kept),
    ...(Object.fromEntries(SCORE_COLUMNS.map((c) => [c, new Float64Array(kept)])) as Record<ScoreColumn, Float64Array>),
    role: new Uint8Array(kept),
    topTies: { offsets: new Int32Array(kept + 1), account: new Int32Array(0), weight: new Float64Array(0), overlap: new Float64Array(0), sameNiche: new Uint8Array(0) },
    centralities: s.centralityNames.map((name) => ({ name: name as AccountColumns['centralities'][number]['name'], values: new Float64Array(kept) })),
  };
  const tiesChanged: number[] = [];
  // Top ties kept per member, gathered in member order, then laid out by account index.
  const tieLists: Array<{ account: number[]; weight: number[]; overlap: number[]; same: number[] }> = new Array(kept);
  let q = 0;
  for (const b of s.members) {
    for (let x = 0; x < b.count; x++) {
      const old = b.account[x] as number;
      const i = newIndex[old] as number;
      if (i < 0) continue;
      const r = b.niche[x] as number;
      members[q] = i;
      a.niche[i] = r;
      a.rank[i] = q - (memberStarts[r] as number);
      for (const c of SCORE_COLUMNS) (a[c] as Float64Array)[i] = b.scores[c][x] as number;
      for (let c = 0; c < k; c++) (a.centralities[c]!.values as Float64Array)[i] = b.centralities[c]!.values[x] as number;
      a.role[i] = b.role[x] as number;
      const list = { account: [] as number[], weight: [] as number[], overlap: [] as number[], same: [] as number[] };
      let dropped = false;
      for (let e = b.tieOffsets[x] as number, end = b.tieOffsets[x + 1] as number; e < end; e++) {
        const other = newIndex[b.tieAccount[e] as number] as number;
        if (other < 0) {
          dropped = true;
          continue;
        }
        list.account.push(other);
        list.weight.push(b.tieWeight[e] as number);
        list.overlap.push(b.tieOverlap[e] as number);
        list.same.push(b.tieSameNiche[e] as number);
      }
      if (dropped) tiesChanged.push(old);
      tieLists[i] = list;
      q++;
    }
  }
  const offsets = a.topTies.offsets;
  for (let i = 0; i < kept; i++) offsets[i + 1] = (offsets[i] as number) + (tieLists[i]?.account.length ?? 0);
  const total = offsets[kept] as number;
  const tt = { offsets, account: new Int32Array(total), weight: new Float64Array(total), overlap: new Float64Array(total), sameNiche: new Uint8Array(total) };
  for (let i = 0; i < kept; i++) {
    const l = tieLists[i];
    if (!l) continue;
    const at = offsets[i] as number;
    tt.account.set(l.account, at);
    tt.weight.set(l.weight, at);
    tt.overlap.set(l.overlap, at);
    tt.sameNiche.set(l.same, at);
  }
  a.topTies = tt;

  // Analysed ties without the erased ends, group by group (each row's internal ties, then
  // the ties between rows); the order inside a group is kept (the remap is monotone).
  const tieStarts = new Int32Array(rows + 1);
  const source: number[] = [];
  const target: number[] = [];
  const weight: number[] = [];
  const reciprocated: number[] = [];
  const keepTie = (t: number) => {
    const x = newIndex[s.tieSource[t] as number] as number;
    const y = newIndex[s.tieTarget[t] as number] as number;
    if (x < 0 || y < 0) return;
    source.push(x);
    target.push(y);
    weight.push(s.tieWeight[t] as number);
    reciprocated.push(s.tieReciprocated[t] as number);
  };
  for (let r = 0; r < rows; r++) {
    tieStarts[r] = source.length;
    const from = s.niches[r]!.tieStart;
    for (let t = from; t < from + s.niches[r]!.tieCount; t++) keepTie(t);
  }
  tieStarts[rows] = source.length;
  const crossFrom = rows > 0 ? s.niches[rows - 1]!.tieStart + s.niches[rows - 1]!.tieCount : 0;
  for (let t = crossFrom; t < s.tieSource.length; t++) keepTie(t);

  return {
    source: {
      accounts: a,
      niches: { members, memberStarts },
      ties: {
        count: source.length,
        source: Int32Array.from(source),
        target: Int32Array.from(target),
        weight: Float64Array.from(weight),
        reciprocated: Float64Array.from(reciprocated),
      },
    },
    memberStarts,
    tieStarts,
    newIndex,
    tiesChanged,
  };
}

// ------------------------------------------------------------------ writing

async function write(
  ctx: Neo4jContext,
  tx: ManagedTransaction,
  analysisId: string,
  graphId: string,
  s: Stored,
  next: Next,
  erased: number[],
  topK: number,
): Promise<void> {
  const { q } = ctx;
  const a = next.source.accounts;
  const members = next.source.niches.members;
  const rows = s.niches.length;
  const erasedIds = erased.map((i) => s.ids[i] as string);
  const erasedSet = new Set(erasedIds);

  // Blocks: the new ones over the old keys, the ones past the new end removed. The
  // communities blocks (communities of unassigned accounts only) stay as they are: no
  // community of an erased unassigned account is redacted (module comment), and
  // resultBlocks yields none of them (result-redact-trim leaves them).
  const blocks: Row[] = [];
  const counts: Record<BlockRow['kind'], number> = { members: 0, index: 0, ties: 0, communities: 0, catalogue: 0 };
  for (const b of resultBlocks(next.source)) {
    counts[b.kind]++;
    blocks.push({ kind: b.kind, seq: int(b.seq), count: int(b.count), firstId: b.firstId, ids: b.ids, tieIds: b.tieIds, centralityNames: b.centralityNames, data: b.data });
  }
  for (let at = 0; at < blocks.length; at += 64) {
    await tx.run(q.get('result-blocks'), { analysisId, graphId, owner: s.writer, rows: blocks.slice(at, at + 64) });
  }
  await tx.run(q.get('result-redact-trim'), { analysisId, members: int(counts.members), index: int(counts.index), ties: int(counts.ties) });

  // Niche rows: every row's offsets and size; the rows that lost a member their lists too.
  const affected = new Set(erased.map((i) => s.niche[positionOf(s, i)] as number));
  const nicheRows: Row[] = [];
  const promoted: Row[] = [];
  for (let r = 0; r < rows; r++) {
    const from = next.memberStarts[r] as number;
    const to = next.memberStarts[r + 1] as number;
    const row: Row = {
      id: s.niches[r]!.id,
      size: int(to - from),
      memberStart: int(from),
      tieStart: int(next.tieStarts[r] as number),
      tieCount: int((r + 1 < rows ? (next.tieStarts[r + 1] as number) : (next.tieStarts[rows] as number)) - (next.tieStarts[r] as number)),
      redacted: affected.has(r),
    };
    if (affected.has(r)) {
      const ids: string[] = [];
      const trustedIds: string[] = [];
      const trustedScores: number[] = [];
      for (let p = from; p < to; p++) {
        const i = members[p] as number;
        ids.push(a.ids[i] as string);
        if (!s.niches[r]!.unassigned && trustedIds.length < topK && a.role[i] !== BROADCASTER) {
          trustedIds.push(a.ids[i] as string);
          trustedScores.push(a.score[i] as number);
          // writeBack 'compact' links the first BROWSER_TRUSTED_LINKS trusted members only.
          if (trustedIds.length <= BROWSER_TRUSTED_LINKS) promoted.push({
            nicheId: s.niches[r]!.id,
            accountId: a.ids[i],
            rank: int(a.rank[i] as number),
            score: a.score[i],
            centrality: a.centrality[i],
            ties: a.ties[i],
            positiveShare: a.positiveShare[i],
            role: ROLES[a.role[i] as number],
            confidence: a.confidence[i],
          });
        }
      }
      const bridges = s.niches[r]!.bridgeIds.map((id, k) => k).filter((k) => !erasedSet.has(s.niches[r]!.bridgeIds[k] as string));
      Object.assign(row, {
        // The unassigned group's node has no member list (result-writing.ts).
        memberIds: s.niches[r]!.unassigned ? null : ids,
        trustedIds,
        trustedScores,
        bridgeIds: bridges.map((k) => s.niches[r]!.bridgeIds[k]),
        bridgeParticipation: bridges.map((k) => s.niches[r]!.bridgeParticipation[k]),
        bridgeTo: bridges.map((k) => s.niches[r]!.bridgeTo[k]),
        erasedRanks: erased.filter((i) => (s.niche[positionOf(s, i)] as number) === r).map((i) => int(positionOf(s, i) - s.niches[r]!.memberStart)),
      });
    }
    nicheRows.push(row);
  }
  for (let at = 0; at < nicheRows.length; at += 2000) {
    await tx.run(q.get('result-redact-niches'), { analysisId, rows: nicheRows.slice(at, at + 2000) });
  }

  // IN_NICHE (what Neo4j Browser reads): the erased accounts' go, ranks close up, a member
  // who moved into the trusted list gets one (writeBack 'compact'), and (writeBack 'full')
  // top-tie lists lose the erased ids.
  const changed = next.tiesChanged.map((i) => s.ids[i] as string);
  for (const statement of q.statements('result-redact-memberships')) {
    await tx.run(statement, {
      analysisId,
      graphId,
      erasedIds,
      rows: nicheRows.filter((r) => r.redacted === true).map((r) => ({ id: r.id, erasedRanks: r.erasedRanks })),
      promoted,
      changed,
    });
  }

  // Community rows: each loses the erased members of its niches from its size (the community
  // of an account in the unassigned group is not stored: its erasure leaves the counts of its
  // community as they were; README "Right to erasure").
  const lost = new Map<string, number>();
  for (const i of erased) {
    const c = s.niches[s.niche[positionOf(s, i)] as number]?.communityId ?? null;
    if (c !== null) lost.set(c, (lost.get(c) ?? 0) + 1);
  }
  if (lost.size > 0) await tx.run(q.get('result-redact-communities'), { analysisId, rows: [...lost].map(([id, members]) => ({ id, members: int(members) })) });

  // The catalogue block, when the result has one: the same changes as the nodes'.
  if (s.catalogue !== null) {
    const catalogue = redactedCatalogue(s.catalogue, nicheRows, lost);
    const data = encodeCatalogue(catalogue);
    await tx.run(q.get('result-blocks'), {
      analysisId,
      graphId,
      owner: s.writer,
      rows: [{ kind: 'catalogue', seq: int(0), count: int(catalogue.niches.length), firstId: null, ids: null, tieIds: null, centralityNames: null, data }],
    });
  }

  const unassigned = s.niches.findIndex((n) => n.unassigned);
  await tx.run(q.get('result-redact-analysis'), {
    analysisId,
    accounts: int(a.count),
    edges: int(next.source.ties.count),
    unassigned: unassigned < 0 ? null : int((next.memberStarts[unassigned + 1] as number) - (next.memberStarts[unassigned] as number)),
    erased: int(erased.length),
  });
}

/** The catalogue rows after a redaction: the niche rows' new sizes, offsets and lists (nicheRows, in rank order), the communities' lost members. */
function redactedCatalogue(old: CatalogueRows, nicheRows: Row[], lost: Map<string, number>): CatalogueRows {
  const niches = old.niches.map((n, r) => {
    const row = nicheRows[r] as Row;
    const next = { ...n, size: toNumber(row.size), memberStart: toNumber(row.memberStart), tieStart: toNumber(row.tieStart), tieCount: toNumber(row.tieCount) };
    if (row.redacted !== true) return next;
    return {
      ...next,
      redacted: true,
      trustedIds: row.trustedIds as string[],
      trustedScores: row.trustedScores as number[],
      bridgeIds: row.bridgeIds as string[],
      bridgeParticipation: row.bridgeParticipation as number[],
      bridgeTo: row.bridgeTo as string[],
    };
  });
  const communities = old.communities.map((c) => {
    const members = lost.get(c.id);
    return members === undefined ? c : { ...c, size: c.size - members, redacted: true };
  });
  return { niches, communities };
}

/** Member position of old account index i (its index block said so; recomputed from the member order). */
function positionOf(s: Stored, i: number): number {
  let cache = positions.get(s);
  if (!cache) {
    cache = new Int32Array(s.ids.length);
    for (let p = 0; p < s.account.length; p++) cache[s.account[p] as number] = p;
    positions.set(s, cache);
  }
  return cache[i] as number;
}
const positions = new WeakMap<Stored, Int32Array>();
