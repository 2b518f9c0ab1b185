/**
 * Result reading from the compact form (result-writing.ts, result-blocks.ts): niches by
 * page, a niche's members by page, one account, and the streams and graphs that exports and
 * the explorer read (every account niche by niche in rank order, the analysed ties, a
 * niche's internal ties, the niche-level graph).
 *
 * A finished analysis never changes, so what is read is kept in a bounded in-memory cache
 * (lru-cache, sized in bytes): per analysis its catalogue (the niche rows, where each
 * niche's members and ties start, the first id of each index block) and each block as it
 * is first needed. A page of members is one or two members blocks; one account is an index
 * block and a members block. Only succeeded analyses are read here (the routes check the
 * status first); `forget` drops an analysis (its graph deleted, an account erased), and
 * entries also expire after `ttlMs`, for the other processes of a fleet that did not see
 * the change.
 */
import { LRUCache } from 'lru-cache';
import type { LineageEvent } from '../analysis/lineage.js';
import { ROLES } from '../analysis/roles.js';
import { sortedIndexOf } from '../analysis/sorted-ids.js';
import type { MemberScore } from '../analysis/types.js';
import type { Neo4jContext } from './neo4j-context.js';
import { int, str, strOrNull, toNumber, type Row } from './neo4j-values.js';
import type { AccountResultRow, CommunityRow, MemberRow, NicheGraph, NicheRow, Page, StoredTie } from './port.js';
import {
  decodeCommunityBlock,
  decodeIndexBlock,
  decodeMemberBlock,
  decodeTieBlock,
  INDEX_BLOCK,
  MEMBER_BLOCK,
  SCORE_COLUMNS,
  TIE_BLOCK,
  type IndexBlock,
  type MemberBlock,
  type TieBlock,
} from './result-blocks.js';
import { decodeCatalogue, type CatalogueRows } from './result-catalogue.js';

export interface ResultReadingOptions {
  /** Bytes the cache may hold. */
  cacheBytes: number;
  /** Milliseconds an entry is kept at most. */
  ttlMs: number;
}

/** What a reader needs to know about an analysis before reading any block. */
export interface Catalogue {
  analysisId: string;
  graphId: string;
  /** This version of the result: finishedAt and the revision (0 until a stored result is changed). */
  finishedAt: string;
  revision: number;
  niches: NicheRow[];
  nicheIndex: Map<string, number>;
  /** Community rows, largest first (none for a result stored before the community level). */
  communities: CommunityRow[];
  /** Per niche row: position of its first member, its internal ties (rows in the ties blocks). */
  memberStart: Int32Array;
  tieStart: Int32Array;
  tieCount: Int32Array;
  accounts: number;
  ties: number;
  /** First account id of each index block. */
  indexFirstIds: string[];
  bytes: number;
}

type Entry = Catalogue | MemberBlock | IndexBlock | TieBlock;

export class Neo4jResultReader {
  private readonly cache: LRUCache<string, Entry>;

  constructor(
    private readonly ctx: Neo4jContext,
    options: ResultReadingOptions,
  ) {
    this.cache = new LRUCache<string, Entry>({
      maxSize: Math.max(1, options.cacheBytes),
      sizeCalculation: (entry) => Math.max(1, entry.bytes),
      ttl: options.ttlMs,
    });
  }

  /** Drops everything cached about the analyses of a graph (it was deleted). */
  forgetGraph(graphId: string): void {
    for (const [key, entry] of this.cache.entries()) {
      if (key.endsWith('\u0000catalogue') && (entry as Catalogue).graphId === graphId) this.forget((entry as Catalogue).analysisId);
    }
  }

  /** Drops everything cached about an analysis. */
  forget(analysisId: string): void {
    for (const key of [...this.cache.keys()]) if (key.startsWith(`${analysisId}\u0000`)) this.cache.delete(key);
  }

  cacheStats(): { entries: number; bytes: number } {
    return { entries: this.cache.size, bytes: this.cache.calculatedSize };
  }

  // ------------------------------------------------------------------ routes

  /** Which version of a stored result is there: null when the analysis has none (unknown, or not succeeded). */
  async resultVersion(analysisId: string): Promise<{ finishedAt: string; revision: number } | null> {
    const c = await this.catalogue(analysisId);
    return c ? { finishedAt: c.finishedAt, revision: c.revision } : null;
  }

  async listNiches(analysisId: string, page: { limit: number; offset: number }): Promise<Page<NicheRow>> {
    const c = await this.catalogue(analysisId);
    if (!c) return { total: 0, items: [] };
    return { total: c.niches.length, items: c.niches.slice(page.offset, page.offset + page.limit) };
  }

  async listCommunities(analysisId: string, page: { limit: number; offset: number }): Promise<Page<CommunityRow>> {
    const c = await this.catalogue(analysisId);
    if (!c) return { total: 0, items: [] };
    return { total: c.communities.length, items: c.communities.slice(page.offset, page.offset + page.limit) };
  }

  async listMembers(analysisId: string, nicheId: string, page: { limit: number; offset: number }): Promise<Page<MemberRow> | null> {
    const c = await this.catalogue(analysisId);
    const row = c?.nicheIndex.get(nicheId);
    if (!c || row === undefined) return null;
    const size = (c.niches[row] as NicheRow).size;
    const from = (c.memberStart[row] as number) + Math.min(page.offset, size);
    const to = (c.memberStart[row] as number) + Math.min(size, page.offset + page.limit);
    const items: MemberRow[] = [];
    for (let p = from; p < to; ) {
      const block = await this.memberBlock(c, Math.floor(p / MEMBER_BLOCK));
      const end = Math.min(to, block.start + block.count);
      const ids = await this.idsOf(c, block, p - block.start, end - block.start);
      for (; p < end; p++) items.push(memberRow(block, p - block.start, ids));
    }
    return { total: size, items };
  }

  async getAccountResult(analysisId: string, accountId: string): Promise<AccountResultRow | null> {
    const c = await this.catalogue(analysisId);
    if (!c) return null;
    const position = await this.positionOf(c, accountId);
    if (position < 0) return null;
    const block = await this.memberBlock(c, Math.floor(position / MEMBER_BLOCK));
    const p = position - block.start;
    const member = memberRow(block, p, await this.idsOf(c, block, p, p + 1));
    const niche = c.niches[block.niche[position - block.start] as number] as NicheRow;
    return { accountId, nicheId: niche.id, nicheSize: niche.size, unassigned: niche.unassigned, member };
  }

  // ------------------------------------------------------------------ exports, explorer

  /**
   * Every account's result, niche by niche in rank order, two members blocks in memory at a
   * time (the one being read and the next, read ahead; members blocks read for a stream are
   * not cached; the index blocks that give the ids are, within the cache's bound). Null when
   * the analysis has no result. `topTies: false`: members' topTies left empty.
   */
  async accountResults(analysisId: string, options: { topTies?: boolean } = {}): Promise<AsyncIterable<AccountResultRow> | null> {
    const withTies = options.topTies !== false;
    const c = await this.catalogue(analysisId);
    if (!c) return null;
    const reader = this;
    // One block read ahead: Neo4j fetches the next block while this one is consumed.
    const load = (seq: number) => {
      const loaded = (async () => {
        const block = await reader.memberBlock(c, seq, false);
        return { block, ids: await reader.idsOf(c, block, 0, block.count, withTies) };
      })();
      // Handled here so that a failure while the previous block is consumed is not an
      // unhandled rejection; it is thrown where the block is awaited.
      loaded.catch(() => {});
      return loaded;
    };
    return (async function* () {
      let next: ReturnType<typeof load> | null = c.accounts > 0 ? load(0) : null;
      for (let seq = 0; next !== null; seq++) {
        const { block, ids } = await next;
        next = (seq + 1) * MEMBER_BLOCK < c.accounts ? load(seq + 1) : null;
        for (let p = 0; p < block.count; p++) {
          const niche = c.niches[block.niche[p] as number] as NicheRow;
          const member = memberRow(block, p, ids, withTies);
          yield { accountId: member.accountId, nicheId: niche.id, nicheSize: niche.size, unassigned: niche.unassigned, member };
        }
      }
    })();
  }

  /** Every account id (ascending: account index order) with its niche row (port.ts). */
  async accountNiches(analysisId: string): Promise<{ ids: readonly string[]; nicheRow: Int32Array } | null> {
    const c = await this.catalogue(analysisId);
    if (!c) return null;
    // From the index blocks alone: each id's member position gives its niche row through the
    // catalogue's memberStart (rowAt), so the members blocks (every score column, ten times
    // the bytes) are not read: the warm start's read of a baseline (bench/README.md
    // "Persistence, shift 6").
    const ids: string[] = [];
    const rows: number[] = [];
    for (let seq = 0; seq < c.indexFirstIds.length; seq++) {
      const block = await this.indexBlock(c, seq, false);
      for (let k = 0; k < block.ids.length; k++) {
        ids.push(block.ids[k] as string);
        rows.push(rowAt(c, block.position[k] as number));
      }
    }
    return { ids, nicheRow: Int32Array.from(rows) };
  }

  /**
   * The ties the analysis saw (undirected positive pairs, weight = both directions summed,
   * reciprocated = the smaller direction, null in results stored before it was kept), in batches of up to TIE_BLOCK: the internal ties of each niche in rank order, then the
   * ties between niches. Holds the account ids of the analysis (about 50 bytes an account)
   * while it runs. Null when the analysis has no result.
   */
  async ties(analysisId: string): Promise<AsyncIterable<StoredTie[]> | null> {
    const c = await this.catalogue(analysisId);
    if (!c) return null;
    const ids = await this.accountIds(c);
    const reader = this;
    return (async function* () {
      for (let seq = 0; seq * TIE_BLOCK < c.ties; seq++) {
        const block = await reader.tieBlock(c, seq, false);
        yield tiesOf(block, 0, block.count, ids);
      }
    })();
  }

  /** The ties between two members of a niche; null when the analysis or the niche is unknown. */
  async nicheTies(analysisId: string, nicheId: string): Promise<StoredTie[] | null> {
    const c = await this.catalogue(analysisId);
    const row = c?.nicheIndex.get(nicheId);
    if (!c || row === undefined) return null;
    const from = c.tieStart[row] as number;
    const to = from + (c.tieCount[row] as number);
    const out: StoredTie[] = [];
    const names = new Map<number, string>();
    for (let k = from; k < to; ) {
      const block = await this.tieBlock(c, Math.floor(k / TIE_BLOCK));
      const end = Math.min(to, block.start + block.count);
      for (let q = k - block.start; q < end - block.start; q++) {
        names.set(block.source[q] as number, '');
        names.set(block.target[q] as number, '');
      }
      out.push(...tiesOf(block, k - block.start, end - block.start, null));
      k = end;
    }
    for (const i of names.keys()) names.set(i, await this.idOf(c, i));
    for (const tie of out) {
      tie.source = names.get(tie.sourceIndex) as string;
      tie.target = names.get(tie.targetIndex) as string;
    }
    return out;
  }

  /**
   * The niche-level graph: every niche row with its size, and one link per pair of rows
   * with ties between them (weight summed, ties counted), from the ties blocks once.
   */
  async nicheGraph(analysisId: string): Promise<NicheGraph | null> {
    const c = await this.catalogue(analysisId);
    if (!c) return null;
    const cached = this.cache.get(`${analysisId}\u0000${c.revision}nicheGraph`) as unknown as { graph: NicheGraph } | undefined;
    if (cached) return cached.graph;
    // Account index -> niche row, from the index blocks (account order) and the positions.
    const rowOf = new Int32Array(c.accounts);
    for (let seq = 0; seq < c.indexFirstIds.length; seq++) {
      const block = await this.indexBlock(c, seq, false);
      for (let k = 0; k < block.ids.length; k++) rowOf[block.start + k] = rowAt(c, block.position[k] as number);
    }
    const links = new Map<number, { weight: number; ties: number }>();
    const rows = c.niches.length;
    const crossFrom = c.niches.length > 0 ? (c.tieStart[rows - 1] as number) + (c.tieCount[rows - 1] as number) : 0;
    for (let k = crossFrom; k < c.ties; ) {
      const block = await this.tieBlock(c, Math.floor(k / TIE_BLOCK), false);
      for (let q = k - block.start; q < block.count; q++) {
        let a = rowOf[block.source[q] as number] as number;
        let b = rowOf[block.target[q] as number] as number;
        if (a > b) [a, b] = [b, a];
        const key = a * rows + b;
        const link = links.get(key) ?? { weight: 0, ties: 0 };
        link.weight += block.weight[q] as number;
        link.ties++;
        links.set(key, link);
      }
      k = block.start + block.count;
    }
    const graph: NicheGraph = {
      niches: c.niches.map((n) => ({ id: n.id, size: n.size, unassigned: n.unassigned })),
      links: [...links.entries()]
        .sort((x, y) => x[0] - y[0])
        .map(([key, l]) => ({ source: c.niches[Math.floor(key / rows)]!.id, target: c.niches[key % rows]!.id, weight: l.weight, ties: l.ties })),
    };
    const bytes = 64 * graph.links.length + 64 * graph.niches.length;
    this.cache.set(`${analysisId}\u0000${c.revision}nicheGraph`, { graph, bytes } as unknown as Entry);
    return graph;
  }

  // ------------------------------------------------------------------ blocks

  /** The catalogue of a stored result; null when the analysis has none. */
  async catalogue(analysisId: string): Promise<Catalogue | null> {
    const key = `${analysisId}\u0000catalogue`;
    const hit = this.cache.get(key) as Catalogue | undefined;
    if (hit) return hit;
    const res = await this.ctx.read('result-catalogue', { analysisId });
    // One record per row (cypher/result-catalogue.cypher), put back in rank / seq order.
    let header: Row | null = null;
    const parts: Record<'niche' | 'community' | 'communityBlock' | 'catalogueBlock', Array<{ seq: number | null; row: Row }>> = {
      niche: [],
      community: [],
      communityBlock: [],
      catalogueBlock: [],
    };
    for (const record of res.records) {
      const kind = record.get('kind') as string;
      const row = record.get('row') as Row;
      if (kind === 'header') header = row;
      else {
        const seq = record.get('seq');
        parts[kind as keyof typeof parts].push({ seq: seq === null || seq === undefined ? null : toNumber(seq), row });
      }
    }
    if (header === null || header.graphId === null || header.graphId === undefined) return null;
    // Rows without a rank (communities stored before ranks existed) keep their order, after the ranked ones.
    const ordered = (list: Array<{ seq: number | null; row: Row }>) =>
      list
        .map((x, k) => ({ ...x, k }))
        .sort((x, y) => (x.seq ?? Number.MAX_SAFE_INTEGER) - (y.seq ?? Number.MAX_SAFE_INTEGER) || x.k - y.k)
        .map((x) => x.row);
    const baseline = strOrNull(header.baselineAnalysisId);
    // The catalogue block (result-catalogue.ts) when the result has one, else the nodes.
    const block = parts.catalogueBlock[0];
    const stored = block ? decodeCatalogue(block.row.data as Int8Array) : null;
    const nicheRows: Row[] = stored ? (stored.niches as unknown as Row[]) : ordered(parts.niche);
    const communityRows: Row[] = stored ? (stored.communities as unknown as Row[]) : ordered(parts.community);
    const rows = nicheRows.map((n) => nicheOf(n, baseline));
    const niches = rows.map((x) => x.niche);
    const catalogue: Catalogue = {
      analysisId,
      graphId: str(header.graphId),
      finishedAt: str(header.finishedAt),
      revision: toNumber(header.revision),
      niches,
      nicheIndex: new Map(niches.map((n, k) => [n.id, k])),
      communities: communitiesOf(communityRows, ordered(parts.communityBlock)),
      memberStart: Int32Array.from(rows, (x) => x.memberStart),
      tieStart: Int32Array.from(rows, (x) => x.tieStart),
      tieCount: Int32Array.from(rows, (x) => x.tieCount),
      accounts: toNumber(header.accounts),
      ties: toNumber(header.ties),
      indexFirstIds: ((header.indexFirstIds ?? []) as unknown[]).map(str),
      bytes: 0,
    };
    catalogue.bytes = 512 * niches.length + 128 * catalogue.communities.length + 64 * catalogue.indexFirstIds.length + 1024;
    this.cache.set(key, catalogue);
    return catalogue;
  }

  private async block(c: Catalogue, kind: 'members' | 'index' | 'ties', seq: number): Promise<Row> {
    const res = await this.ctx.read('result-block', { analysisId: c.analysisId, kind, seq: int(seq) });
    const r = res.records[0];
    if (!r) throw new Error(`store/result-reading: ${kind} block ${seq} of analysis '${c.analysisId}' is missing`);
    return r.get('block') as Row;
  }

  private async memberBlock(c: Catalogue, seq: number, keep = true): Promise<MemberBlock> {
    const key = `${c.analysisId}\u0000${c.revision}m${seq}`;
    const hit = this.cache.get(key) as MemberBlock | undefined;
    if (hit) return hit;
    const b = await this.block(c, 'members', seq);
    const block = decodeMemberBlock(seq, ((b.centralityNames ?? []) as unknown[]).map(str), b.data as Int8Array);
    if (keep) this.cache.set(key, block);
    return block;
  }

  private async indexBlock(c: Catalogue, seq: number, keep = true): Promise<IndexBlock> {
    const key = `${c.analysisId}\u0000${c.revision}i${seq}`;
    const hit = this.cache.get(key) as IndexBlock | undefined;
    if (hit) return hit;
    const b = await this.block(c, 'index', seq);
    const block = decodeIndexBlock(seq, (b.ids as unknown[]).map(str), b.data as Int8Array);
    if (keep) this.cache.set(key, block);
    return block;
  }

  private async tieBlock(c: Catalogue, seq: number, keep = true): Promise<TieBlock> {
    const key = `${c.analysisId}\u0000${c.revision}t${seq}`;
    const hit = this.cache.get(key) as TieBlock | undefined;
    if (hit) return hit;
    const b = await this.block(c, 'ties', seq);
    const block = decodeTieBlock(seq, b.data as Int8Array);
    if (keep) this.cache.set(key, block);
    return block;
  }

  /** Position in member order of an account id, -1 when it is not in the result. */
  private async positionOf(c: Catalogue, accountId: string): Promise<number> {
    const firsts = c.indexFirstIds;
    let lo = 0;
    let hi = firsts.length - 1;
    let seq = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      if ((firsts[mid] as string) <= accountId) {
        seq = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    if (seq < 0) return -1;
    const block = await this.indexBlock(c, seq);
    const k = sortedIndexOf(block.ids, accountId);
    return k < 0 ? -1 : (block.position[k] as number);
  }

  /** Ids of members from..to-1 of a block and of their ties' other ends, by account index. */
  /** The catalogue block's rows (result-catalogue.ts); null when the result has none (stored before it). */
  async catalogueRows(analysisId: string): Promise<CatalogueRows | null> {
    const res = await this.ctx.read('result-catalogue-block', { analysisId });
    const data = res.records[0]?.get('data') as Int8Array | undefined;
    return data === undefined ? null : decodeCatalogue(data);
  }

  /** Every account id of a succeeded analysis in member order (niche by niche, rank order; the unassigned group's too); null without a stored result. */
  async memberOrder(analysisId: string): Promise<string[] | null> {
    const c = await this.catalogue(analysisId);
    if (!c) return null;
    const ids = await this.accountIds(c);
    const order = new Array<string>(c.accounts);
    for (let seq = 0; seq * MEMBER_BLOCK < c.accounts; seq++) {
      const block = await this.memberBlock(c, seq, false);
      for (let k = 0; k < block.count; k++) order[block.start + k] = ids[block.account[k] as number] as string;
    }
    return order;
  }

  /**
   * The member rows at these member positions of a succeeded analysis (every figure; with
   * `withTies`, the top ties with their ids, else none), in the order asked.
   */
  async membersAt(analysisId: string, positions: readonly number[], withTies: boolean): Promise<MemberRow[]> {
    const c = await this.catalogue(analysisId);
    if (!c) throw new Error(`store/result-reading: analysis '${analysisId}' has no stored result`);
    const rows: MemberRow[] = [];
    for (const p of positions) {
      const block = await this.memberBlock(c, Math.floor(p / MEMBER_BLOCK));
      const ids = await this.idsOf(c, block, p - block.start, p - block.start + 1, withTies);
      rows.push(memberRow(block, p - block.start, ids, withTies));
    }
    return rows;
  }

  /**
   * What a niche-activity read needs of one niche (niche-activity.ts): its graph, row and
   * member ids in rank order (from the compact form: the members and index blocks); null
   * when the analysis has no stored result or no such niche.
   */
  async nicheMembers(analysisId: string, nicheId: string): Promise<{ graphId: string; niche: NicheRow; memberIds: string[] } | null> {
    const c = await this.catalogue(analysisId);
    const row = c?.nicheIndex.get(nicheId);
    if (!c || row === undefined) return null;
    const niche = c.niches[row] as NicheRow;
    const memberIds: string[] = [];
    // The unassigned group is not a niche: no member list (as on its node).
    if (!niche.unassigned) {
      const from = c.memberStart[row] as number;
      const to = from + niche.size;
      for (let p = from; p < to; ) {
        const block = await this.memberBlock(c, Math.floor(p / MEMBER_BLOCK));
        const end = Math.min(to, block.start + block.count);
        for (; p < end; p++) memberIds.push(await this.idOf(c, block.account[p - block.start] as number));
      }
    }
    return { graphId: c.graphId, niche, memberIds };
  }

  private async idsOf(c: Catalogue, block: MemberBlock, from: number, to: number, withTies = true): Promise<Map<number, string>> {
    const wanted: number[] = [];
    for (let p = from; p < to; p++) {
      wanted.push(block.account[p] as number);
      if (withTies) for (let k = block.tieOffsets[p] as number, end = block.tieOffsets[p + 1] as number; k < end; k++) wanted.push(block.tieAccount[k] as number);
    }
    const ids = new Map<number, string>();
    for (const i of wanted) if (!ids.has(i)) ids.set(i, await this.idOf(c, i));
    return ids;
  }

  private async idOf(c: Catalogue, index: number): Promise<string> {
    const block = await this.indexBlock(c, Math.floor(index / INDEX_BLOCK));
    return block.ids[index - block.start] as string;
  }

  private async accountIds(c: Catalogue): Promise<string[]> {
    const ids: string[] = [];
    for (let seq = 0; seq < c.indexFirstIds.length; seq++) ids.push(...(await this.indexBlock(c, seq, false)).ids);
    return ids;
  }
}


/** Niche row of a member position (memberStart ascending). */
function rowAt(c: Catalogue, position: number): number {
  let lo = 0;
  let hi = c.memberStart.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if ((c.memberStart[mid] as number) <= position) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

function tiesOf(block: TieBlock, from: number, to: number, ids: readonly string[] | null): StoredTie[] {
  const out: StoredTie[] = [];
  for (let q = from; q < to; q++) {
    const s = block.source[q] as number;
    const t = block.target[q] as number;
    out.push({
      source: ids ? (ids[s] as string) : '',
      target: ids ? (ids[t] as string) : '',
      sourceIndex: s,
      targetIndex: t,
      weight: block.weight[q] as number,
      reciprocated: block.reciprocated ? (block.reciprocated[q] as number) : null,
    });
  }
  return out;
}

/** Member p of a block as the API reports it (`ids`: account index -> id, idsOf). */
function memberRow(block: MemberBlock, p: number, ids: ReadonlyMap<number, string>, withTies = true): MemberRow {
  const topTies = [];
  if (withTies) for (let k = block.tieOffsets[p] as number, end = block.tieOffsets[p + 1] as number; k < end; k++) {
    topTies.push({ accountId: ids.get(block.tieAccount[k] as number) as string, weight: block.tieWeight[k] as number, overlap: block.tieOverlap[k] as number, sameNiche: block.tieSameNiche[k] === 1 });
  }
  const row = { accountId: ids.get(block.account[p] as number) as string, rank: block.rank[p] as number } as MemberRow;
  for (const c of SCORE_COLUMNS) (row as unknown as Record<string, number>)[c] = block.scores[c][p] as number;
  row.role = ROLES[block.role[p] as number] as MemberScore['role'];
  row.topTies = topTies;
  if (block.centralities.length > 0) row.centralities = Object.fromEntries(block.centralities.map((c) => [c.name, c.values[p] as number]));
  return row;
}

/**
 * The community rows in rank order: the (:Community) nodes (communities holding a niche) and
 * the rows of the communities blocks (the others); a result stored before the blocks had
 * every community as a node.
 */
function communitiesOf(nodes: Row[], blocks: Row[]): CommunityRow[] {
  const ranked: Array<{ rank: number; row: CommunityRow }> = nodes.map((c, k) => ({ rank: c.rank === null || c.rank === undefined ? k : toNumber(c.rank), row: communityOf(c) }));
  if (blocks.length === 0) return ranked.map((x) => x.row);
  for (const b of blocks) {
    const block = decodeCommunityBlock(toNumber(b.seq), ((b.ids ?? []) as unknown[]).map(str), b.data as Int8Array);
    for (let p = 0; p < block.ids.length; p++) {
      ranked.push({
        rank: block.rank[p] as number,
        row: {
          id: block.ids[p] as string,
          size: block.size[p] as number,
          density: block.density[p] as number,
          conductance: block.conductance[p] as number,
          niches: [],
          unassigned: block.unassigned[p] as number,
        },
      });
    }
  }
  return ranked.sort((x, y) => x.rank - y.rank).map((x) => x.row);
}

function communityOf(c: Row): CommunityRow {
  return {
    id: str(c.id),
    size: toNumber(c.size),
    density: toNumber(c.density),
    conductance: toNumber(c.conductance),
    niches: ((c.nicheIds ?? []) as unknown[]).map(str),
    unassigned: toNumber(c.unassigned),
    ...(c.redacted === true ? { redacted: true } : {}),
  };
}

/** A niche row of the catalogue; `baseline`: the analysis' baseline (its niches then carry lineage, null for the unassigned group). */
function nicheOf(n: Row, baseline: string | null): { niche: NicheRow; memberStart: number; tieStart: number; tieCount: number } {
  const ids = (n.trustedIds ?? []) as unknown[];
  const scores = (n.trustedScores ?? []) as unknown[];
  const lineage =
    baseline === null
      ? {}
      : {
          lineage:
            n.lineageEvent === null || n.lineageEvent === undefined
              ? null
              : {
                  baselineAnalysisId: baseline,
                  event: str(n.lineageEvent) as LineageEvent,
                  from: ((n.lineageFrom ?? []) as unknown[]).map((id, i) => ({ nicheId: str(id), jaccard: toNumber(((n.lineageJaccard ?? []) as unknown[])[i]) })),
                },
        };
  return {
    memberStart: toNumber(n.memberStart),
    tieStart: toNumber(n.tieStart),
    tieCount: toNumber(n.tieCount),
    niche: {
      id: str(n.id),
      communityId: strOrNull(n.communityId),
      size: toNumber(n.size),
      density: toNumber(n.density),
      conductance: toNumber(n.conductance),
      trusted: ids.map((id, i) => ({ accountId: str(id), score: toNumber(scores[i]) })),
      unassigned: n.unassigned === true,
      ...(n.redacted === true ? { redacted: true } : {}),
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
      ...lineage,
    },
  };
}
