/**
 * The catalogue block: a result's niche and community rows in its compact durable form, one
 * (:ResultBlock {kind: 'catalogue', seq: 0}) beside the members / index / ties blocks
 * (result-blocks.ts). It is written before the analysis says succeeded, and every results
 * route reads its niche and community rows from it (result-reading.ts); the (:Niche) and
 * (:Community) nodes that Neo4j Browser reads are derived from the same rows
 * (result-writing.ts), written after the analysis says succeeded (README "Write-back").
 * Results stored before the catalogue block existed have none: the reader takes their rows
 * from the nodes (cypher/result-catalogue.cypher).
 *
 * Bytes: the rows as JSON, deflated (raw DEFLATE, level 1, like the other blocks). JSON
 * because the rows are ragged (lists of ids and names per niche) and read whole, once per
 * analysis; a non-finite number (a figure that is NaN for a niche without internal ties) is
 * written as {"$n": "NaN" | "Infinity" | "-Infinity"} and read back as the number.
 * On higgs-retweet (9,798 niche rows, 3,298 communities) the block is about 1 MB.
 */
import { promisify } from 'node:util';
import { deflateRaw, deflateRawSync, inflateRawSync } from 'node:zlib';
import type { AnalysisResult } from '../analysis/types.js';

/** A niche row as the catalogue stores it: the properties of the (:Niche) node, plain numbers, no member list. */
export interface CatalogueNiche {
  id: string;
  rank: number;
  communityId: string | null;
  size: number;
  density: number;
  conductance: number;
  trustedIds: string[];
  trustedScores: number[];
  unassigned: boolean;
  redacted?: boolean;
  stability: number;
  reciprocity: number;
  events: number;
  firstActivity: string | null;
  lastActivity: string | null;
  eventsPerDay: number;
  typeNames: string[];
  typeShares: number[];
  bridgeIds: string[];
  bridgeParticipation: number[];
  bridgeTo: string[];
  memberStart: number;
  tieStart: number;
  tieCount: number;
  lineageEvent: string | null;
  lineageFrom: string[] | null;
  lineageJaccard: number[] | null;
}

/** A community row (one holding at least one niche) as the catalogue stores it. */
export interface CatalogueCommunity {
  id: string;
  rank: number;
  size: number;
  density: number;
  conductance: number;
  nicheIds: string[];
  unassigned: number;
  redacted?: boolean;
}

export interface CatalogueRows {
  niches: CatalogueNiche[];
  communities: CatalogueCommunity[];
}

/** The catalogue rows of a computed result: niches in rank order, then the communities that hold a niche, largest first. */
export function catalogueRows(result: AnalysisResult): CatalogueRows {
  const niches: CatalogueNiche[] = [];
  for (let r = 0; r < result.niches.count; r++) niches.push(catalogueNiche(result, r));
  const c = result.communities;
  const communities: CatalogueCommunity[] = [];
  for (let k = 0; k < c.count; k++) {
    const from = c.nicheStarts[k] as number;
    const to = c.nicheStarts[k + 1] as number;
    // A community without a niche goes in the communities blocks (result-blocks.ts).
    if (from === to) continue;
    communities.push({
      id: c.ids[k] as string,
      rank: k,
      size: c.size[k] as number,
      density: c.density[k] as number,
      conductance: c.conductance[k] as number,
      nicheIds: Array.from(c.niches.subarray(from, to), (r) => result.niches.ids[r] as string),
      unassigned: c.unassigned[k] as number,
    });
  }
  return { niches, communities };
}

function catalogueNiche(result: AnalysisResult, r: number): CatalogueNiche {
  const n = result.niches;
  const a = result.accounts;
  const trusted = n.trusted.account.subarray(n.trusted.starts[r] as number, n.trusted.starts[r + 1] as number);
  const bridges: number[] = [];
  for (let k = n.bridges.starts[r] as number; k < (n.bridges.starts[r + 1] as number); k++) bridges.push(k);
  const typeFrom = n.dominantTypes.starts[r] as number;
  const typeTo = n.dominantTypes.starts[r + 1] as number;
  const tieStart = result.ties.nicheStarts[r] as number;
  const tieEnd = r + 1 < n.count ? (result.ties.nicheStarts[r + 1] as number) : (result.ties.nicheStarts[n.count] as number);
  const iso = (ms: number): string | null => (Number.isFinite(ms) ? new Date(ms).toISOString() : null);
  const lineage = result.lineage;
  const fromFrom = lineage ? (lineage.fromStarts[r] as number) : 0;
  const fromTo = lineage ? (lineage.fromStarts[r + 1] as number) : 0;
  return {
    id: n.ids[r] as string,
    rank: r,
    communityId: (n.community[r] as number) < 0 ? null : (result.communities.ids[n.community[r] as number] as string),
    size: n.size[r] as number,
    density: n.density[r] as number,
    conductance: n.conductance[r] as number,
    trustedIds: Array.from(trusted, (i) => a.ids[i] as string),
    trustedScores: Array.from(trusted, (i) => a.score[i] as number),
    unassigned: r === n.unassignedRow,
    stability: n.stability[r] as number,
    reciprocity: n.reciprocity[r] as number,
    events: n.events[r] as number,
    firstActivity: iso(n.firstActivity[r] as number),
    lastActivity: iso(n.lastActivity[r] as number),
    eventsPerDay: n.eventsPerDay[r] as number,
    typeNames: Array.from(n.dominantTypes.type.subarray(typeFrom, typeTo), (k) => n.dominantTypes.typeNames[k] as string),
    typeShares: Array.from(n.dominantTypes.share.subarray(typeFrom, typeTo)),
    bridgeIds: bridges.map((k) => a.ids[n.bridges.account[k] as number] as string),
    bridgeParticipation: bridges.map((k) => a.participation[n.bridges.account[k] as number] as number),
    bridgeTo: bridges.map((k) =>
      Array.from(n.bridges.toNiche.subarray(n.bridges.toStarts[k] as number, n.bridges.toStarts[k + 1] as number), (row) => n.ids[row]).join(','),
    ),
    memberStart: n.memberStarts[r] as number,
    tieStart,
    tieCount: tieEnd - tieStart,
    // Lineage (absent without a baseline): the event, the related baseline niches best first.
    lineageEvent: lineage ? (lineage.event[r] as string) : null,
    lineageFrom: lineage ? lineage.fromIds.slice(fromFrom, fromTo) : null,
    lineageJaccard: lineage ? Array.from(lineage.fromJaccard.subarray(fromFrom, fromTo)) : null,
  };
}

/** The catalogue block's bytes. */
export function encodeCatalogue(rows: CatalogueRows): Int8Array {
  const packed = deflateRawSync(catalogueJson(rows), DEFLATE);
  return new Int8Array(packed.buffer, packed.byteOffset, packed.byteLength);
}

/** The same bytes as encodeCatalogue, compressed on libuv's thread pool (the JSON is made on this thread). */
export async function encodeCatalogueAsync(rows: CatalogueRows): Promise<Int8Array> {
  const packed = await deflateRawAsync(catalogueJson(rows), DEFLATE);
  return new Int8Array(packed.buffer, packed.byteOffset, packed.byteLength);
}

const DEFLATE = { level: 1 } as const;
const deflateRawAsync = promisify(deflateRaw);

function catalogueJson(rows: CatalogueRows): Buffer {
  const json = JSON.stringify(rows, (_key, value: unknown) => (typeof value === 'number' && !Number.isFinite(value) ? { $n: String(value) } : value));
  return Buffer.from(json, 'utf8');
}

/** The rows a catalogue block holds. */
export function decodeCatalogue(bytes: Int8Array | Uint8Array): CatalogueRows {
  const json = inflateRawSync(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength)).toString('utf8');
  return JSON.parse(json, (_key, value: unknown) => (isNonFinite(value) ? Number(value.$n) : value)) as CatalogueRows;
}

/** A non-finite number as encodeCatalogue writes it (an object: never an id or a name, which are strings). */
function isNonFinite(value: unknown): value is { $n: string } {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && typeof (value as { $n?: unknown }).$n === 'string' && Object.keys(value).length === 1;
}
