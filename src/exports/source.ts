/**
 * What an export reads: a finished analysis's accounts (one row each, niche by niche in
 * rank order) and the ties it analysed, both as async iterables so that a writer holds one
 * row at a time whatever the size of the result. The store's streams (contract 3 of the
 * brief) feed it; tests feed arrays.
 */

/** One account of an analysis, with the figures every export carries. */
export interface ExportAccount {
  accountId: string;
  nicheId: string;
  /** Null for accounts in no niche. */
  communityId: string | null;
  /** Position in its niche by trust score, 0 = most trusted. */
  rank: number;
  score: number;
  role: string;
  confidence: number;
  /** Score components: score = centrality x ties x positiveShare; ties = 1 + mean(reciprocity, repeat, embeddedness). */
  centrality: number;
  ties: number;
  positiveShare: number;
  reciprocity: number;
  repeat: number;
  embeddedness: number;
  withinDegreeZ: number;
  participation: number;
  unassigned: boolean;
}

/** An aggregated undirected tie between two accounts: the positive weight both ways. */
export interface ExportTie {
  source: string;
  target: string;
  weight: number;
}

export interface ExportSource {
  analysisId: string;
  graphId: string;
  /** Called once per pass (GEXF and GraphML read accounts, then ties). */
  accounts(): AsyncIterable<ExportAccount>;
  ties(): AsyncIterable<ExportTie>;
}

export type FieldType = 'string' | 'double' | 'integer' | 'boolean';

/** The columns of every format, in order (CSV header, XML attribute declarations). */
export const ACCOUNT_FIELDS: ReadonlyArray<{ name: keyof ExportAccount; type: FieldType; description: string }> = [
  { name: 'accountId', type: 'string', description: 'Account id.' },
  { name: 'nicheId', type: 'string', description: 'Its niche (n0 = largest; "unassigned": in no niche).' },
  { name: 'communityId', type: 'string', description: 'The coarse community its niche belongs to (none for the unassigned).' },
  { name: 'rank', type: 'integer', description: 'Position in its niche by trust score (0 = most trusted).' },
  { name: 'score', type: 'double', description: 'Trust score in its niche (1 = an average member).' },
  { name: 'role', type: 'string', description: 'Guimera-Amaral role, or broadcaster.' },
  { name: 'confidence', type: 'double', description: 'Share of the runs that put it in its niche.' },
  { name: 'centrality', type: 'double', description: 'Score component: within-niche PageRank x niche size.' },
  { name: 'ties', type: 'double', description: 'Score component: 1 + mean(reciprocity, repeat, embeddedness).' },
  { name: 'positiveShare', type: 'double', description: 'Score component: positive share of the weight received.' },
  { name: 'reciprocity', type: 'double', description: 'Share of the in-niche weight received that it gives back.' },
  { name: 'repeat', type: 'double', description: 'Share of in-niche contacts who came back.' },
  { name: 'embeddedness', type: 'double', description: 'Mean neighbourhood overlap of its in-niche ties.' },
  { name: 'withinDegreeZ', type: 'double', description: 'Within-niche degree z-score.' },
  { name: 'participation', type: 'double', description: 'Participation coefficient (0 = all ties in its niche).' },
  { name: 'unassigned', type: 'boolean', description: 'In no niche (its group was below minNicheSize).' },
];

/** Strings of about `bytes` UTF-16 units from a stream of small pieces: fewer, larger writes. */
export async function* batched(pieces: AsyncIterable<string>, bytes = 64 * 1024): AsyncGenerator<string> {
  let buffer = '';
  for await (const piece of pieces) {
    buffer += piece;
    if (buffer.length >= bytes) {
      yield buffer;
      buffer = '';
    }
  }
  if (buffer !== '') yield buffer;
}
