/**
 * Reads an edge-list file (`a b [weight]` lines, gzip or plain) as directed arcs,
 * self-loops dropped, aggregated per ordered pair into a Projection the way the store's
 * projection query aggregates interactions.
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import type { ProjectedPair, Projection } from '../src/analysis/types.js';

export async function readProjection(path: string): Promise<Projection> {
  const input = path.endsWith('.gz') ? createReadStream(path).pipe(createGunzip()) : createReadStream(path);
  const pairs = new Map<string, ProjectedPair>();
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
      pair.positive += weight;
      pair.count++;
    } else pairs.set(key, { source: a, target: b, positive: weight, negative: 0, count: 1 });
  }
  return { accounts: [...accounts], pairs: [...pairs.values()] };
}
