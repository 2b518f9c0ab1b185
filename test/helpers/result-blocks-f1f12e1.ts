/**
 * The block encoder as it was at commit f1f12e1 (src/store/result-blocks.ts before its
 * columns were gathered straight into the block and compressed off the main thread), kept
 * as the reference that test/store/result-block-bytes.test.ts compares today's bytes with.
 * Do not change it: it stands for the stored format that existing results are in.
 */
import { deflateRawSync } from 'node:zlib';
import type { AnalysisResult } from '../../src/analysis/types.js';
import { FORMAT, INDEX_BLOCK, MEMBER_BLOCK, SCORE_COLUMNS, TIE_BLOCK, TIE_FORMAT, type BlockRow, type BlockSource, type ScoreColumn } from '../../src/store/result-blocks.js';

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

/** Communities per communities block (about 30 bytes each before compression, plus the ids). */
const COMMUNITY_BLOCK = 8192;

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

/** Every block of a result, in the order they are written. */
export function* resultBlocks(result: BlockSource | AnalysisResult): Generator<BlockRow> {
  for (let s = 0; s * MEMBER_BLOCK < result.accounts.count; s++) yield encodeMemberBlock(result, s);
  for (let s = 0; s * INDEX_BLOCK < result.accounts.count; s++) yield encodeIndexBlock(result, s);
  for (let s = 0; s * TIE_BLOCK < result.ties.count; s++) yield encodeTieBlock(result, s);
}
