/**
 * The compact stored form of a columnar AnalysisResult (analysis/types.ts): fixed-layout
 * blocks of typed-array bytes, written as Neo4j byte arrays on (:ResultBlock) nodes.
 *
 * Three kinds of block (property `kind`), each numbered from 0 (`seq`):
 *   members  MEMBER_BLOCK members in member order (niche by niche, rank order): their
 *            account index, every score column, the niche row and rank, the role, the top
 *            ties (CSR, the other end as an account index) and the extra centralities;
 *   index    INDEX_BLOCK account ids in ascending order (= account index order) with each
 *            one's position in member order: id -> member (binary search), index -> id.
 *            The only copy of the ids in the blocks (strings cost Neo4j far more to store
 *            than numbers: bench/README.md "Persistence");
 *   ties     TIE_BLOCK rows of the analysed ties (source and target account index, weight,
 *            reciprocated weight), in the order of TieColumns (the internal ties of each
 *            niche, then the others);
 *   communities  COMMUNITY_BLOCK rows of the communities that hold no niche (made only of
 *            accounts of the unassigned group: most of them on a sparse graph, 13k on
 *            higgs-retweet), ids in `ids`, with rank, size, unassigned, density and
 *            conductance; the communities holding a niche are (:Community) nodes instead
 *            (result-writing.ts). Written by writeResult only (a redaction leaves them as
 *            they are: it changes no community of unassigned accounts).
 * A niche's members, a page of them, one account, the ties of one niche: each is one or two
 * blocks, so every read touches a few hundred kilobytes at most, whatever the graph's size.
 *
 * Byte layout of a block (`data`, little-endian; version FORMAT, TIE_FORMAT for ties blocks,
 * the header's first Int32): an Int32 header, then the
 * Float64 columns, then the Int32 columns, then the Uint8 columns, each starting on a
 * multiple of 8 bytes; the whole compressed with raw DEFLATE at level 1 (RFC 1951, zlib's
 * fastest level). Score columns repeat a lot (0, 1, equal ranks, small roles): on
 * higgs-retweet the members blocks shrink from 39 MB to 3.1 MB and all blocks from 45 to
 * 5.2 MB, so Neo4j stores and reads a tenth of the bytes for a few hundred ms of CPU.
 * Decoding inflates into a fresh (aligned) buffer and takes views.
 */
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { CentralityName } from '../analysis/centrality/select.js';
import type { AccountColumns, AnalysisResult, NicheColumns, TieColumns } from '../analysis/types.js';

/**
 * What the blocks are made of: an AnalysisResult's accounts, member order and ties (the
 * erasure's redaction, result-redaction.ts, builds one from stored blocks).
 */
export interface BlockSource {
  accounts: AccountColumns;
  niches: Pick<NicheColumns, 'members' | 'memberStarts'>;
  ties: Pick<TieColumns, 'count' | 'source' | 'target' | 'weight' | 'reciprocated'>;
}

export const FORMAT = 1;
/**
 * Version of the ties blocks: 2 adds the reciprocated weight min(w_ij, w_ji) of each tie.
 * Blocks of version 1 (results stored before it) still read, with `reciprocated` null.
 */
export const TIE_FORMAT = 2;
/** Members per members block: about 150-200 bytes each, so a block is a few hundred KB. */
export const MEMBER_BLOCK = 2048;
/** Ids per index block. */
export const INDEX_BLOCK = 8192;
/** Ties per ties block (24 bytes each: 1.5 MB before compression). */
export const TIE_BLOCK = 65536;

/** The per-member score columns, in stored order (MemberScore's names). */
export const SCORE_COLUMNS = [
  'score',
  'pagerank',
  'globalPagerank',
  'inStrength',
  'outStrength',
  'negativeInStrength',
  'weightedDegree',
  'internalShare',
  'centrality',
  'ties',
  'positiveShare',
  'reciprocity',
  'repeat',
  'embeddedness',
  'withinDegreeZ',
  'participation',
  'confidence',
] as const;
export type ScoreColumn = (typeof SCORE_COLUMNS)[number];

const pad8 = (n: number): number => (n + 7) & ~7;

/** Lays out Float64, Int32 and Uint8 arrays in one buffer (see the module comment). */
class Packer {
  private readonly parts: Array<Float64Array | Int32Array | Uint8Array> = [];
  constructor(private readonly header: number[]) {}
  add(part: Float64Array | Int32Array | Uint8Array): this {
    this.parts.push(part);
    return this;
  }
  bytes(): Int8Array {
    const order = [
      ...this.parts.filter((p) => p instanceof Float64Array),
      ...this.parts.filter((p) => p instanceof Int32Array),
      ...this.parts.filter((p) => p instanceof Uint8Array),
    ];
    let size = pad8(4 * this.header.length);
    for (const p of order) size = pad8(size + p.byteLength);
    const buffer = new ArrayBuffer(size);
    new Int32Array(buffer, 0, this.header.length).set(this.header);
    let at = pad8(4 * this.header.length);
    for (const p of order) {
      new Uint8Array(buffer, at, p.byteLength).set(new Uint8Array(p.buffer, p.byteOffset, p.byteLength));
      at = pad8(at + p.byteLength);
    }
    const packed = deflateRawSync(new Uint8Array(buffer), { level: 1 });
    return new Int8Array(packed.buffer, packed.byteOffset, packed.byteLength);
  }
}

/** Reads what Packer wrote, in the same order of declaration. */
class Unpacker {
  private readonly buffer: ArrayBuffer;
  readonly header: Int32Array;
  private f64 = 0;
  private i32 = 0;
  private u8 = 0;

  /** `layout`: element counts of the Float64 and Int32 parts, to find where each part starts. */
  constructor(bytes: Int8Array | Uint8Array, headerLength: number, layout: (header: Int32Array) => { f64: number[]; i32: number[] }) {
    // Inflated into a buffer of its own, aligned (Node's Buffer pool may hand out any offset).
    const raw = inflateRawSync(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    const copy = new Uint8Array(raw.byteLength);
    copy.set(raw);
    this.buffer = copy.buffer;
    this.header = new Int32Array(this.buffer, 0, headerLength);
    const { f64, i32 } = layout(this.header);
    let at = pad8(4 * headerLength);
    this.f64 = at;
    for (const n of f64) at = pad8(at + 8 * n);
    this.i32 = at;
    for (const n of i32) at = pad8(at + 4 * n);
    this.u8 = at;
  }
  /** Bytes held once decoded. */
  get byteLength(): number {
    return this.buffer.byteLength;
  }
  float64(n: number): Float64Array {
    const view = new Float64Array(this.buffer, this.f64, n);
    this.f64 = pad8(this.f64 + 8 * n);
    return view;
  }
  int32(n: number): Int32Array {
    const view = new Int32Array(this.buffer, this.i32, n);
    this.i32 = pad8(this.i32 + 4 * n);
    return view;
  }
  uint8(n: number): Uint8Array {
    const view = new Uint8Array(this.buffer, this.u8, n);
    this.u8 = pad8(this.u8 + n);
    return view;
  }
}

/** One members block, decoded. Arrays are indexed by position in the block (0 .. count-1). */
export interface MemberBlock {
  seq: number;
  /** Position (in member order) of the block's first member. */
  start: number;
  count: number;
  /** Account index of each member (ids: index blocks). */
  account: Int32Array;
  niche: Int32Array;
  rank: Int32Array;
  scores: Record<ScoreColumn, Float64Array>;
  role: Uint8Array;
  /** Top ties of member p: entries tieOffsets[p] .. tieOffsets[p + 1] (offsets from 0 in this block). */
  tieOffsets: Int32Array;
  /** Account index of the other end of each tie. */
  tieAccount: Int32Array;
  tieWeight: Float64Array;
  tieOverlap: Float64Array;
  tieSameNiche: Uint8Array;
  centralities: Array<{ name: CentralityName; values: Float64Array }>;
  /** Bytes held (for the cache's size). */
  bytes: number;
}

/** The stored properties of one block node. */
export interface BlockRow {
  /** 'catalogue': the niche and community rows (result-catalogue.ts). */
  kind: 'members' | 'index' | 'ties' | 'communities' | 'catalogue';
  seq: number;
  count: number;
  /** First account id of an index block (for the lookup by id); null otherwise. */
  firstId: string | null;
  ids: string[] | null;
  tieIds: string[] | null;
  centralityNames: string[] | null;
  data: Int8Array;
}

export function encodeMemberBlock(result: BlockSource, seq: number): BlockRow {
  const a = result.accounts;
  const start = seq * MEMBER_BLOCK;
  const end = Math.min(a.count, start + MEMBER_BLOCK);
  const n = end - start;
  const order = result.niches.members.subarray(start, end);
  const k = a.centralities.length;
  const tieOffsets = new Int32Array(n + 1);
  for (let p = 0; p < n; p++) {
    const i = order[p] as number;
    tieOffsets[p + 1] = (tieOffsets[p] as number) + (a.topTies.offsets[i + 1] as number) - (a.topTies.offsets[i] as number);
  }
  const t = tieOffsets[n] as number;
  const tieAccount = new Int32Array(t);
  const niche = new Int32Array(n);
  const rank = new Int32Array(n);
  const role = new Uint8Array(n);
  const tieWeight = new Float64Array(t);
  const tieOverlap = new Float64Array(t);
  const tieSameNiche = new Uint8Array(t);
  const packer = new Packer([FORMAT, n, k, t]);
  const columns = SCORE_COLUMNS.map(() => new Float64Array(n));
  const centralities = a.centralities.map(() => new Float64Array(n));
  for (let p = 0; p < n; p++) {
    const i = order[p] as number;
    niche[p] = a.niche[i] as number;
    rank[p] = a.rank[i] as number;
    role[p] = a.role[i] as number;
    for (let c = 0; c < SCORE_COLUMNS.length; c++) (columns[c] as Float64Array)[p] = (a[SCORE_COLUMNS[c] as ScoreColumn] as Float64Array)[i] as number;
    for (let c = 0; c < k; c++) (centralities[c] as Float64Array)[p] = (a.centralities[c]!.values[i] as number);
    let q = tieOffsets[p] as number;
    for (let e = a.topTies.offsets[i] as number, eEnd = a.topTies.offsets[i + 1] as number; e < eEnd; e++, q++) {
      tieAccount[q] = a.topTies.account[e] as number;
      tieWeight[q] = a.topTies.weight[e] as number;
      tieOverlap[q] = a.topTies.overlap[e] as number;
      tieSameNiche[q] = a.topTies.sameNiche[e] as number;
    }
  }
  for (const c of columns) packer.add(c);
  for (const c of centralities) packer.add(c);
  packer.add(tieWeight).add(tieOverlap);
  packer.add(Int32Array.from(order)).add(niche).add(rank).add(tieOffsets).add(tieAccount);
  packer.add(role).add(tieSameNiche);
  return {
    kind: 'members',
    seq,
    count: n,
    firstId: null,
    ids: null,
    tieIds: null,
    centralityNames: a.centralities.map((c) => c.name),
    data: packer.bytes(),
  };
}

export function decodeMemberBlock(seq: number, centralityNames: string[], data: Int8Array): MemberBlock {
  const u = new Unpacker(data, 4, (h) => {
    const [, n, k, t] = h as unknown as [number, number, number, number];
    return { f64: [...SCORE_COLUMNS.map(() => n), ...Array.from({ length: k }, () => n), t, t], i32: [n, n, n, n + 1, t] };
  });
  const [format, n, k, t] = u.header as unknown as [number, number, number, number];
  if (format !== FORMAT) throw new Error(`store/result-blocks: members block ${seq} has format ${format}, expected ${FORMAT}`);
  const scores = {} as Record<ScoreColumn, Float64Array>;
  for (const c of SCORE_COLUMNS) scores[c] = u.float64(n);
  const centralities = Array.from({ length: k }, (_, c) => ({ name: centralityNames[c] as CentralityName, values: u.float64(n) }));
  const tieWeight = u.float64(t);
  const tieOverlap = u.float64(t);
  const account = u.int32(n);
  const niche = u.int32(n);
  const rank = u.int32(n);
  const tieOffsets = u.int32(n + 1);
  const tieAccount = u.int32(t);
  const role = u.uint8(n);
  const tieSameNiche = u.uint8(t);
  return {
    seq,
    start: seq * MEMBER_BLOCK,
    count: n,
    account,
    niche,
    rank,
    scores,
    role,
    tieOffsets,
    tieAccount,
    tieWeight,
    tieOverlap,
    tieSameNiche,
    centralities,
    bytes: u.byteLength,
  };
}

/** Index block `seq`: account ids seq * INDEX_BLOCK .. (ascending) with their member positions. */
export function encodeIndexBlock(result: BlockSource, seq: number): BlockRow {
  const a = result.accounts;
  const start = seq * INDEX_BLOCK;
  const end = Math.min(a.count, start + INDEX_BLOCK);
  const n = end - start;
  const position = new Int32Array(n);
  for (let i = start; i < end; i++) position[i - start] = (result.niches.memberStarts[a.niche[i] as number] as number) + (a.rank[i] as number);
  return {
    kind: 'index',
    seq,
    count: n,
    firstId: n > 0 ? (a.ids[start] as string) : null,
    ids: a.ids.slice(start, end),
    tieIds: null,
    centralityNames: null,
    data: new Packer([FORMAT, n]).add(position).bytes(),
  };
}

export interface IndexBlock {
  seq: number;
  /** Account index of ids[0]. */
  start: number;
  ids: readonly string[];
  position: Int32Array;
  bytes: number;
}

export function decodeIndexBlock(seq: number, ids: string[], data: Int8Array): IndexBlock {
  const u = new Unpacker(data, 2, (h) => ({ f64: [], i32: [h[1] as number] }));
  if (u.header[0] !== FORMAT) throw new Error(`store/result-blocks: index block ${seq} has format ${u.header[0]}, expected ${FORMAT}`);
  let stringBytes = 0;
  for (const id of ids) stringBytes += 32 + 2 * id.length;
  return { seq, start: seq * INDEX_BLOCK, ids, position: u.int32(u.header[1] as number), bytes: u.byteLength + stringBytes };
}

export function encodeTieBlock(result: BlockSource, seq: number): BlockRow {
  const ties = result.ties;
  const start = seq * TIE_BLOCK;
  const end = Math.min(ties.count, start + TIE_BLOCK);
  return {
    kind: 'ties',
    seq,
    count: end - start,
    firstId: null,
    ids: null,
    tieIds: null,
    centralityNames: null,
    data: new Packer([TIE_FORMAT, end - start])
      .add(ties.weight.subarray(start, end))
      .add(ties.reciprocated.subarray(start, end))
      .add(ties.source.subarray(start, end))
      .add(ties.target.subarray(start, end))
      .bytes(),
  };
}

export interface TieBlock {
  seq: number;
  /** Row (in TieColumns order) of the block's first tie. */
  start: number;
  count: number;
  source: Int32Array;
  target: Int32Array;
  weight: Float64Array;
  /** min(w_ij, w_ji) of each tie; null in a block of version 1 (stored before it was kept). */
  reciprocated: Float64Array | null;
  bytes: number;
}

export function decodeTieBlock(seq: number, data: Int8Array): TieBlock {
  const u = new Unpacker(data, 2, (h) => {
    const n = h[1] as number;
    return { f64: h[0] === 1 ? [n] : [n, n], i32: [n, n] };
  });
  const format = u.header[0] as number;
  if (format !== 1 && format !== TIE_FORMAT) throw new Error(`store/result-blocks: ties block ${seq} has format ${format}, expected 1 or ${TIE_FORMAT}`);
  const n = u.header[1] as number;
  const weight = u.float64(n);
  const reciprocated = format === 1 ? null : u.float64(n);
  const source = u.int32(n);
  const target = u.int32(n);
  return { seq, start: seq * TIE_BLOCK, count: n, source, target, weight, reciprocated, bytes: u.byteLength };
}

/** Communities per communities block (about 30 bytes each before compression, plus the ids). */
export const COMMUNITY_BLOCK = 8192;

/** Rows (community row numbers, ascending = rank order) of the communities that hold no niche. */
export function nichelessCommunities(result: Pick<AnalysisResult, 'communities'>): Int32Array {
  const c = result.communities;
  const rows: number[] = [];
  for (let k = 0; k < c.count; k++) if (c.nicheStarts[k + 1] === c.nicheStarts[k]) rows.push(k);
  return Int32Array.from(rows);
}

/** The communities blocks of a result: its nicheless communities (module comment), COMMUNITY_BLOCK a block. */
export function* communityBlocks(result: Pick<AnalysisResult, 'communities'>): Generator<BlockRow> {
  const c = result.communities;
  const rows = nichelessCommunities(result);
  for (let seq = 0; seq * COMMUNITY_BLOCK < rows.length; seq++) {
    const part = rows.subarray(seq * COMMUNITY_BLOCK, Math.min(rows.length, (seq + 1) * COMMUNITY_BLOCK));
    const n = part.length;
    yield {
      kind: 'communities',
      seq,
      count: n,
      firstId: null,
      ids: Array.from(part, (k) => c.ids[k] as string),
      tieIds: null,
      centralityNames: null,
      data: new Packer([FORMAT, n])
        .add(Float64Array.from(part, (k) => c.density[k] as number))
        .add(Float64Array.from(part, (k) => c.conductance[k] as number))
        .add(part.slice())
        .add(Int32Array.from(part, (k) => c.size[k] as number))
        .add(Int32Array.from(part, (k) => c.unassigned[k] as number))
        .bytes(),
    };
  }
}

/** One communities block, decoded: parallel columns, `rank` the community's row (0 = largest). */
export interface CommunityBlock {
  ids: readonly string[];
  rank: Int32Array;
  size: Int32Array;
  unassigned: Int32Array;
  density: Float64Array;
  conductance: Float64Array;
}

export function decodeCommunityBlock(seq: number, ids: string[], data: Int8Array): CommunityBlock {
  const u = new Unpacker(data, 2, (h) => ({ f64: [h[1] as number, h[1] as number], i32: [h[1] as number, h[1] as number, h[1] as number] }));
  if (u.header[0] !== FORMAT) throw new Error(`store/result-blocks: communities block ${seq} has format ${u.header[0]}, expected ${FORMAT}`);
  const n = u.header[1] as number;
  if (ids.length !== n) throw new Error(`store/result-blocks: communities block ${seq} holds ${n} rows but ${ids.length} ids`);
  const density = u.float64(n);
  const conductance = u.float64(n);
  return { ids, density, conductance, rank: u.int32(n), size: u.int32(n), unassigned: u.int32(n) };
}

/** Every block of a result, in the order they are written. */
export function* resultBlocks(result: BlockSource | AnalysisResult): Generator<BlockRow> {
  for (let s = 0; s * MEMBER_BLOCK < result.accounts.count; s++) yield encodeMemberBlock(result, s);
  for (let s = 0; s * INDEX_BLOCK < result.accounts.count; s++) yield encodeIndexBlock(result, s);
  for (let s = 0; s * TIE_BLOCK < result.ties.count; s++) yield encodeTieBlock(result, s);
}
