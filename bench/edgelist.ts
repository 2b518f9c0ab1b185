/**
 * Reads an edge-list file (`a b [weight]` lines, gzip or plain) as directed arcs,
 * self-loops dropped, aggregated per ordered pair into a PairTable the way the store's
 * projection query aggregates interactions (and, like the store, without an object per
 * pair: the 10M-edge LFR graph must fit the memory target); or stores the same lines in a
 * graph through the store, in batches (ingestEdgelist), for the store benches.
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import { PairTableBuilder, type PairTable } from '../src/analysis/pair-table.js';
import type { GraphStore, InteractionInput } from '../src/store/port.js';

export async function readProjection(path: string): Promise<PairTable> {
  const input = path.endsWith('.gz') ? createReadStream(path).pipe(createGunzip()) : createReadStream(path);
  const builder = new PairTableBuilder();
  const accounts = new Set<string>();
  const none: string[] = [];
  for await (const line of createInterface({ input, crlfDelay: Infinity })) {
    const [a, b, w] = line.trim().split(/\s+/);
    if (!a || !b || a === b) continue;
    accounts.add(a);
    accounts.add(b);
    builder.add({ source: a, target: b, positive: w === undefined ? 1 : Number(w), negative: 0, count: 1, types: none, typeCounts: [], firstTs: null, lastTs: null });
  }
  return builder.finish([...accounts], undefined, { mergeDuplicates: true });
}

/** The edge list as NDJSON interactions, produced while the request body is sent. */
export function ndjsonStream(file: string): ReadableStream<Uint8Array> {
  const input = file.endsWith('.gz') ? createReadStream(file).pipe(createGunzip()) : createReadStream(file);
  const lines = createInterface({ input, crlfDelay: Infinity })[Symbol.asyncIterator]();
  const encoder = new TextEncoder();
  return new ReadableStream({
    async pull(controller) {
      let chunk = '';
      while (chunk.length < 1 << 20) {
        const next = await lines.next();
        if (next.done) break;
        const [a, b, w] = next.value.trim().split(/\s+/);
        if (a && b && a !== b) chunk += JSON.stringify({ source: a, target: b, weight: w === undefined ? 1 : Number(w) }) + '\n';
      }
      if (chunk.length === 0) controller.close();
      else controller.enqueue(encoder.encode(chunk));
    },
  });
}

/** Stores the file's lines (`a b [weight]`, self-loops dropped) in `graphId`, `batchSize` interactions a batch; resolves with how many. */
export async function ingestEdgelist(store: Pick<GraphStore, 'ingest'>, graphId: string, file: string, batchSize: number): Promise<number> {
  const input = file.endsWith('.gz') ? createReadStream(file).pipe(createGunzip()) : createReadStream(file);
  let batch: InteractionInput[] = [];
  let n = 0;
  for await (const line of createInterface({ input, crlfDelay: Infinity })) {
    const [a, b, w] = line.trim().split(/\s+/);
    if (!a || !b || a === b) continue;
    batch.push({ id: null, source: a, target: b, type: 'interaction', weight: w === undefined ? 1 : Number(w), timestamp: null });
    n++;
    if (batch.length === batchSize) {
      await store.ingest(graphId, { interactions: batch, accounts: [] });
      batch = [];
    }
  }
  if (batch.length > 0) await store.ingest(graphId, { interactions: batch, accounts: [] });
  return n;
}
