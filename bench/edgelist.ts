/**
 * Reads an edge-list file (`a b [weight]` lines, gzip or plain) as directed arcs,
 * self-loops dropped, aggregated per ordered pair into a PairTable the way the store's
 * projection query aggregates interactions (and, like the store, without an object per pair).
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import { PairTableBuilder, type PairTable } from '../src/analysis/pair-table.js';

export async function readProjection(path: string): Promise<PairTable> {
  const input = path.endsWith('.gz') ? createReadStream(path).pipe(createGunzip()) : createReadStream(path);
  // Ordered pair "a b" -> [weight, events]: the edge lists have no parallel-arc metadata to keep.
  const pairs = new Map<string, [number, number]>();
  const accounts = new Set<string>();
  for await (const line of createInterface({ input, crlfDelay: Infinity })) {
    const [a, b, w] = line.trim().split(/\s+/);
    if (!a || !b || a === b) continue;
    const weight = w === undefined ? 1 : Number(w);
    accounts.add(a);
    accounts.add(b);
    const key = `${a} ${b}`;
    const pair = pairs.get(key);
    if (pair) {
      pair[0] += weight;
      pair[1]++;
    } else pairs.set(key, [weight, 1]);
  }
  const builder = new PairTableBuilder();
  for (const [key, [positive, count]] of pairs) {
    const space = key.indexOf(' ');
    builder.add({ source: key.slice(0, space), target: key.slice(space + 1), positive, negative: 0, count, types: [], typeCounts: [], firstTs: null, lastTs: null });
  }
  pairs.clear();
  return builder.finish([...accounts]);
}
