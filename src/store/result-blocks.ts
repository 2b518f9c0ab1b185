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
 * Encoding lays out each block's buffer first and gathers every column straight into its
 * place (BlockBuffer); compressBlock deflates on the calling thread, compressBlockAsync on
 * libuv's thread pool (the result write: result-writing.ts), both to the same bytes
 * (test/store/result-block-bytes.test.ts checks them against the encoder of f1f12e1).
 * Decoding inflates into a fresh (aligned) buffer and takes views.
 */
import { promisify } from 'node:util';
import { deflateRaw, deflateRawSync, inflateRawSync } from 'node:zlib';
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

/**
 * The uncompressed bytes of one block, laid out as the module comment says: the header,
 * then every Float64 part, every Int32 part, every Uint8 part, each on a multiple of 8
 * bytes. The sizes of the parts are declared first; each part is then a view into the
 * block's one buffer, handed out in declaration order, and filled in place (no column is
 * built apart and copied in).
 */
class BlockBuffer {
  readonly bytes: Uint8Array;
  private f64: number;
  private i32: number;
  private u8: number;

  constructor(header: number[], layout: { f64: number[]; i32: number[]; u8: number[] }) {
    let at = pad8(4 * header.length);
    this.f64 = at;
    for (const n of layout.f64) at = pad8(at + 8 * n);
    this.i32 = at;
    for (const n of layout.i32) at = pad8(at + 4 * n);
    this.u8 = at;
    for (const n of layout.u8) at = pad8(at + n);
    const buffer = new ArrayBuffer(at);
    new Int32Array(buffer, 0, header.length).set(header);
    this.bytes = new Uint8Array(buffer);
  }
  float64(n: number): Float64Array {
    const view = new Float64Array(this.bytes.buffer, this.f64, n);
    this.f64 = pad8(this.f64 + 8 * n);
    return view;
  }
  int32(n: number): Int32Array {
    const view = new Int32Array(this.bytes.buffer, this.i32, n);
    this.i32 = pad8(this.i32 + 4 * n);
    return view;
  }
  uint8(n: number): Uint8Array {
    const view = new Uint8Array(this.bytes.buffer, this.u8, n);
    this.u8 = pad8(this.u8 + n);
    return view;
  }
}

/** A block with its bytes not yet compressed (`raw`): what compressBlock / compressBlockAsync take. */
export interface RawBlock extends Omit<BlockRow, 'data'> {
  raw: Uint8Array;
}

const DEFLATE = { level: 1 } as const;
const deflateRawAsync = promisify(deflateRaw);

/** The block's stored bytes, compressed on this thread. */
export function compressBlock(block: RawBlock): BlockRow {
  const { raw, ...row } = block;
  const packed = deflateRawSync(raw, DEFLATE);
  return { ...row, data: new Int8Array(packed.buffer, packed.byteOffset, packed.byteLength) };
}

/**
 * The same bytes as compressBlock, compressed on libuv's thread pool (zlib's asynchronous
 * API), so the thread that writes the blocks goes on while a block compresses.
 */
export async function compressBlockAsync(block: RawBlock): Promise<BlockRow> {
  const { raw, ...row } = block;
  const packed = await deflateRawAsync(raw, DEFLATE);
  return { ...row, data: new Int8Array(packed.buffer, packed.byteOffset, packed.byteLength) };
}

/** Reads what BlockBuffer laid out, in the same order of declaration. */
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
  return compressBlock(rawMemberBlock(result, seq));
}

/**
 * Members block `seq`, uncompressed. Each column is gathered in member order straight into
 * its place in the block, one column at a time (one source array per loop); the account
 * indices, already in member order, are copied in one go.
 */
export function rawMemberBlock(result: BlockSource, seq: number): RawBlock {
  const a = result.accounts;
  const start = seq * MEMBER_BLOCK;
  const end = Math.min(a.count, start + MEMBER_BLOCK);
  const n = end - start;
  const order = result.niches.members.subarray(start, end);
  const k = a.centralities.length;
  const offsets = a.topTies.offsets;
  let t = 0;
  for (let p = 0; p < n; p++) {
    const i = order[p] as number;
    t += (offsets[i + 1] as number) - (offsets[i] as number);
  }
  const block = new BlockBuffer([FORMAT, n, k, t], {
    f64: [...SCORE_COLUMNS.map(() => n), ...a.centralities.map(() => n), t, t],
    i32: [n, n, n, n + 1, t],
    u8: [n, t],
  });
  const gather = (from: ArrayLike<number>, to: Float64Array | Int32Array | Uint8Array) => {
    for (let p = 0; p < n; p++) to[p] = from[order[p] as number] as number;
  };
  for (const c of SCORE_COLUMNS) gather(a[c], block.float64(n));
  for (const c of a.centralities) gather(c.values, block.float64(n));
  const tieWeight = block.float64(t);
  const tieOverlap = block.float64(t);
  block.int32(n).set(order);
  gather(a.niche, block.int32(n));
  gather(a.rank, block.int32(n));
  const tieOffsets = block.int32(n + 1);
  const tieAccount = block.int32(t);
  gather(a.role, block.uint8(n));
  const tieSameNiche = block.uint8(t);
  // The top ties of each member (a few each: an element loop costs less than a view per member).
  const ties = a.topTies;
  let q = 0;
  for (let p = 0; p < n; p++) {
    const i = order[p] as number;
    for (let e = offsets[i] as number, eEnd = offsets[i + 1] as number; e < eEnd; e++, q++) {
      tieAccount[q] = ties.account[e] as number;
      tieWeight[q] = ties.weight[e] as number;
      tieOverlap[q] = ties.overlap[e] as number;
      tieSameNiche[q] = ties.sameNiche[e] as number;
    }
    tieOffsets[p + 1] = q;
  }
  return {
    kind: 'members',
    seq,
    count: n,
    firstId: null,
    ids: null,
    tieIds: null,
    centralityNames: a.centralities.map((c) => c.name),
    raw: block.bytes,
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
  return compressBlock(rawIndexBlock(result, seq));
}

export function rawIndexBlock(result: BlockSource, seq: number): RawBlock {
  const a = result.accounts;
  const start = seq * INDEX_BLOCK;
  const end = Math.min(a.count, start + INDEX_BLOCK);
  const n = end - start;
  const block = new BlockBuffer([FORMAT, n], { f64: [], i32: [n], u8: [] });
  const position = block.int32(n);
  const memberStarts = result.niches.memberStarts;
  for (let i = start; i < end; i++) position[i - start] = (memberStarts[a.niche[i] as number] as number) + (a.rank[i] as number);
  return {
    kind: 'index',
    seq,
    count: n,
    firstId: n > 0 ? (a.ids[start] as string) : null,
    ids: a.ids.slice(start, end),
    tieIds: null,
    centralityNames: null,
    raw: block.bytes,
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
  return compressBlock(rawTieBlock(result, seq));
}

/** Ties block `seq`, uncompressed: four contiguous ranges of the tie columns, each copied in one go. */
export function rawTieBlock(result: BlockSource, seq: number): RawBlock {
  const ties = result.ties;
  const start = seq * TIE_BLOCK;
  const end = Math.min(ties.count, start + TIE_BLOCK);
  const n = end - start;
  const block = new BlockBuffer([TIE_FORMAT, n], { f64: [n, n], i32: [n, n], u8: [] });
  block.float64(n).set(ties.weight.subarray(start, end));
  block.float64(n).set(ties.reciprocated.subarray(start, end));
  block.int32(n).set(ties.source.subarray(start, end));
  block.int32(n).set(ties.target.subarray(start, end));
  return { kind: 'ties', seq, count: n, firstId: null, ids: null, tieIds: null, centralityNames: null, raw: block.bytes };
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
  for (const block of rawCommunityBlocks(result)) yield compressBlock(block);
}

export function* rawCommunityBlocks(result: Pick<AnalysisResult, 'communities'>): Generator<RawBlock> {
  const c = result.communities;
  const rows = nichelessCommunities(result);
  for (let seq = 0; seq * COMMUNITY_BLOCK < rows.length; seq++) {
    const part = rows.subarray(seq * COMMUNITY_BLOCK, Math.min(rows.length, (seq + 1) * COMMUNITY_BLOCK));
    const n = part.length;
    const block = new BlockBuffer([FORMAT, n], { f64: [n, n], i32: [n, n, n], u8: [] });
    const density = block.float64(n);
    const conductance = block.float64(n);
    block.int32(n).set(part);
    const size = block.int32(n);
    const unassigned = block.int32(n);
    for (let r = 0; r < n; r++) {
      const k = part[r] as number;
      density[r] = c.density[k] as number;
      conductance[r] = c.conductance[k] as number;
      size[r] = c.size[k] as number;
      unassigned[r] = c.unassigned[k] as number;
    }
    yield {
      kind: 'communities',
      seq,
      count: n,
      firstId: null,
      ids: Array.from(part, (k) => c.ids[k] as string),
      tieIds: null,
      centralityNames: null,
      raw: block.bytes,
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
  for (const block of rawResultBlocks(result)) yield compressBlock(block);
}

/** Every block of a result, uncompressed, in the order they are written (each built when asked for). */
export function* rawResultBlocks(result: BlockSource | AnalysisResult): Generator<RawBlock> {
  for (let s = 0; s * MEMBER_BLOCK < result.accounts.count; s++) yield rawMemberBlock(result, s);
  for (let s = 0; s * INDEX_BLOCK < result.accounts.count; s++) yield rawIndexBlock(result, s);
  for (let s = 0; s * TIE_BLOCK < result.ties.count; s++) yield rawTieBlock(result, s);
}
