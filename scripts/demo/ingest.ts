/**
 * Ingestion through the HTTP API: the synthetic graph cut into batches (the API takes at
 * most 50,000 interactions per request; the demo sends 10,000), with the throughput of
 * each batch and of the whole upload.
 */
import type { SyntheticAccount, SyntheticInteraction } from '../../src/synthetic/conversation-graph.js';
import type { IngestBatch, NichegraphApi } from './api.js';
import { DemoError } from './demo-error.js';
import { formatDuration, formatInt, formatRate } from './format.js';

export const BATCH_SIZE = 10_000;

/**
 * Batches of at most `size` interactions and `size` accounts; the accounts ride along
 * with the first batches (an extra batch carries leftover accounts, if any).
 */
export function makeBatches(
  interactions: readonly SyntheticInteraction[],
  accounts: readonly SyntheticAccount[],
  size = BATCH_SIZE,
): IngestBatch[] {
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`batch size must be a positive integer, got ${size}`);
  const count = Math.max(Math.ceil(interactions.length / size), Math.ceil(accounts.length / size), 1);
  const batches: IngestBatch[] = [];
  for (let b = 0; b < count; b++) {
    const batch: IngestBatch = { interactions: interactions.slice(b * size, (b + 1) * size) };
    const accountSlice = accounts.slice(b * size, (b + 1) * size);
    if (accountSlice.length > 0) batch.accounts = accountSlice;
    batches.push(batch);
  }
  return batches;
}

export interface IngestTotals {
  received: number;
  stored: number;
  duplicates: number;
  elapsedMs: number;
}

/** Sends the batches one after the other, logging each; throws if a batch is not fully accounted for. */
export async function ingestBatches(
  api: NichegraphApi,
  graphId: string,
  batches: readonly IngestBatch[],
  log: (line: string) => void,
): Promise<IngestTotals> {
  const totals: IngestTotals = { received: 0, stored: 0, duplicates: 0, elapsedMs: 0 };
  const started = performance.now();
  for (const [i, batch] of batches.entries()) {
    const t0 = performance.now();
    const res = await api.ingest(graphId, batch);
    const ms = performance.now() - t0;
    if (res.received !== batch.interactions.length || res.stored + res.duplicates !== res.received) {
      throw new DemoError(
        `batch ${i + 1}: sent ${batch.interactions.length} interactions, the API answered ` +
          `received ${res.received}, stored ${res.stored}, duplicates ${res.duplicates}`,
      );
    }
    totals.received += res.received;
    totals.stored += res.stored;
    totals.duplicates += res.duplicates;
    const accounts = batch.accounts?.length ? ` + ${formatInt(batch.accounts.length)} accounts` : '';
    log(
      `  batch ${String(i + 1).padStart(String(batches.length).length)}/${batches.length}: ` +
        `${formatInt(res.received)} interactions${accounts} in ${formatDuration(ms)} ` +
        `(${formatRate(res.received, ms)}), stored ${formatInt(res.stored)}, duplicates ${formatInt(res.duplicates)}`,
    );
  }
  totals.elapsedMs = performance.now() - started;
  return totals;
}
