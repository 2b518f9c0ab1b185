/**
 * Ingestion: one batch of interactions and accounts, all or nothing (cypher/ingest-*.cypher).
 *
 * One write transaction per call, rows sent in UNWIND chunks of `chunkSize` (5,000) with
 * several tx.run: lock the Graph node (ingests into one graph are serialised, so the
 * duplicate check below stays exact), look up which keys are already stored (read-only,
 * plain index seeks), set the properties of the batch's accounts, MERGE the distinct
 * endpoints of the new interactions, CREATE the new interactions. Ids repeated inside the
 * batch are dropped in JS beforehand. The transaction callback recomputes everything on
 * each attempt (executeWrite may retry).
 *
 * Speed (bench/ingest.ts against the driver-alone write ceiling): the account and
 * interaction chunks are pipelined (sent without waiting for the previous chunk's answer:
 * the server runs them in order), and interactions go column-wise (one list per property
 * instead of one map per row: less for the driver to pack and the server to unpack).
 */
import type { Neo4jErasure } from './erasure.js';
import type { Neo4jContext } from './neo4j-context.js';
import { chunks, int, str, toNumber, type Row } from './neo4j-values.js';
import type { AccountInput, IngestStepResult, InteractionInput, UploadStep } from './port.js';
import { beginStep, commitStep } from './uploads.js';

export class Neo4jIngestion {
  constructor(
    private readonly ctx: Neo4jContext,
    private readonly options: { chunkSize: number },
    /** The erasure ledger: interactions and accounts naming an erased account are not stored (erasure.ts). */
    private readonly erasure: Neo4jErasure,
  ) {}

  async ingest(
    graphId: string,
    batch: { interactions: InteractionInput[]; accounts: AccountInput[] },
    /** A batch of a resumable upload (uploads.ts): stored only at the expected progress, which moves in this transaction. */
    upload?: UploadStep,
  ): Promise<IngestStepResult | null> {
    const { q } = this.ctx;
    const { chunkSize } = this.options;
    const started = Date.now();
    // Ids repeated inside the batch: the first occurrence is a candidate, the rest duplicates.
    const seen = new Set<string>();
    let batchDuplicates = 0;
    const candidates: Row[] = [];
    for (const i of batch.interactions) {
      if (i.id !== null) {
        if (seen.has(i.id)) {
          batchDuplicates++;
          continue;
        }
        seen.add(i.id);
      }
      candidates.push({
        id: i.id,
        key: i.id === null ? null : `${graphId}/${i.id}`,
        source: i.source,
        target: i.target,
        type: i.type,
        weight: i.weight,
        ts: i.timestamp === null ? null : int(i.timestamp),
      });
    }
    const allAccountRows: Row[] = batch.accounts.map((a) => ({ id: a.id, properties: a.properties }));
    const now = new Date().toISOString();

    const result = await this.ctx.inWrite(async (tx) => {
      // Everything below is recomputed on each attempt (executeWrite may retry).
      const locked = await tx.run(q.get('ingest-lock-graph'), { graphId, now });
      if (locked.records.length === 0) return null;
      if (upload) {
        const step = await beginStep(this.ctx, tx, graphId, upload, now);
        if (step !== 'write') return { ...step, replayed: true };
      }
      // Erased accounts (the ledger, read after the graph lock: an erasure committed before
      // this transaction is seen): their interactions are counted as suppressed, not stored.
      let kept = candidates;
      let accountRows = allAccountRows;
      let suppressed = 0;
      let repeats = batchDuplicates;
      if (locked.records[0]?.get('erasures') === true) {
        const named = new Set<string>();
        for (const r of candidates) named.add(r.source as string).add(r.target as string);
        for (const a of allAccountRows) named.add(a.id as string);
        const erased = await this.erasure.erasedAmong(tx, graphId, named);
        if (erased.size > 0) {
          kept = candidates.filter((r) => !erased.has(r.source as string) && !erased.has(r.target as string));
          accountRows = allAccountRows.filter((a) => !erased.has(a.id as string));
          // received = stored + duplicates + suppressed: an interaction naming an erased
          // account is suppressed, a repeat (of an id seen earlier in the batch) that names none is a duplicate.
          repeats = 0;
          const seenIds = new Set<string>();
          for (const i of batch.interactions) {
            const hit = erased.has(i.source) || erased.has(i.target);
            if (i.id !== null) {
              if (seenIds.has(i.id)) {
                if (hit) suppressed++;
                else repeats++;
                continue;
              }
              seenIds.add(i.id);
            }
            if (hit) suppressed++;
          }
        }
      }
      const keys = kept.flatMap((r) => (r.key === null ? [] : [r.key as string]));

      const existing = new Set<string>();
      for (const chunk of chunks(keys, chunkSize)) {
        const res = await tx.run(q.get('ingest-existing-keys'), { keys: chunk });
        for (const record of res.records) existing.add(str(record.get('key')));
      }
      const fresh = existing.size === 0 ? kept : kept.filter((r) => !existing.has(r.key as string));

      // The writes below are pipelined: every chunk is sent without waiting for the one
      // before (the server runs them in order, in this transaction), so it never idles
      // while the next chunk is packed and sent.
      const writes: Array<Promise<unknown>> = [];
      for (const chunk of chunks(accountRows, chunkSize)) {
        writes.push(tx.run(q.get('ingest-accounts'), { graphId, rows: chunk }).summary());
      }
      const accountIds = new Set<string>();
      for (const r of fresh) {
        accountIds.add(r.source as string);
        accountIds.add(r.target as string);
      }
      for (const chunk of chunks([...accountIds], chunkSize)) {
        writes.push(tx.run(q.get('ingest-account-ids'), { graphId, ids: chunk }).summary());
      }
      const created = [...chunks(fresh, chunkSize)].map((chunk) => tx.run(q.get('ingest-interactions'), { graphId, ...interactionColumns(chunk) }));
      const settled = await Promise.allSettled([...writes, ...created]);
      const failed = settled.find((outcome) => outcome.status === 'rejected');
      if (failed) throw (failed as PromiseRejectedResult).reason;
      let stored = 0;
      for (const result of created) stored += toNumber((await result).records[0]?.get('stored') ?? 0);
      if (stored !== fresh.length) {
        // Cannot happen (both endpoints were merged above); refuse to commit a miscount.
        throw new Error(`store/neo4j-store: stored ${stored} of ${fresh.length} new interactions; batch rolled back`);
      }
      const outcome = { stored, duplicates: repeats + existing.size, suppressed };
      if (upload) await commitStep(this.ctx, tx, graphId, upload, outcome, now);
      return outcome;
    });
    this.ctx.log.debug(
      {
        graphId,
        interactions: batch.interactions.length,
        accounts: batch.accounts.length,
        ...result,
        ms: Date.now() - started,
      },
      'ingested batch',
    );
    return result;
  }
}

/** A chunk of rows as the column lists ingest-interactions takes; no id column when no row has an id. */
function interactionColumns(rows: Row[]): Row {
  const withIds = rows.some((r) => r.id !== null);
  return {
    sources: rows.map((r) => r.source),
    targets: rows.map((r) => r.target),
    types: rows.map((r) => r.type),
    weights: rows.map((r) => r.weight),
    ts: rows.map((r) => r.ts),
    ids: withIds ? rows.map((r) => r.id) : null,
    keys: withIds ? rows.map((r) => r.key) : null,
  };
}
