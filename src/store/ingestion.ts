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
 * A folded graph (src/store/fold.ts): the batch's events without ids are grouped by fold key
 * in JS; groups whose key is stored already add to that relationship (ingest-fold-add),
 * the others are created with their count. Such a batch is applied at most once: it needs
 * an upload step (a stream's Upload-Id, or `batchKey`, a JSON batch's Idempotency-Key made
 * a one-batch upload), else FoldUnguarded and nothing is written.
 *
 * Projection chunks (src/store/projection-chunks.ts): when the graph's chunk set is valid, the
 * events the batch stores (new relationships, and the additions to folded ones) are also
 * written as one packed chunk, in this transaction, so the chunk set keeps standing for
 * exactly the stored relationships (ingest-account-ids returns the node ids it names).
 *
 * Speed (bench/ingest.ts against the driver-alone write ceiling): the account and
 * interaction chunks are pipelined (sent without waiting for the previous chunk's answer:
 * the server runs them in order), and interactions go column-wise (one list per property
 * instead of one map per row: less for the driver to pack and the server to unpack); the
 * interactions name their endpoints by the node ids ingest-account-ids returned (one
 * direct lookup each instead of two index seeks that also search the transaction's own
 * index changes, which grow with the batch).
 */
import { createHash } from 'node:crypto';
import type { Neo4jErasure } from './erasure.js';
import { FoldUnguarded, foldEvents, type FoldGroup } from './fold.js';
import { ChunkBuilder, writeChunk } from './projection-chunks.js';
import type { Neo4jContext } from './neo4j-context.js';
import { chunks, int, str, toNumber, type Row } from './neo4j-values.js';
import type { AccountInput, IngestStepResult, InteractionInput, UploadStep } from './port.js';
import { beginStep, commitStep, uploadDigest } from './uploads.js';

export class Neo4jIngestion {
  constructor(
    private readonly ctx: Neo4jContext,
    /** chunks: write projection chunks (false: write none and leave the graph's set stale). */
    private readonly options: { chunkSize: number; chunks: boolean },
    /** The erasure ledger: interactions and accounts naming an erased account are not stored (erasure.ts). */
    private readonly erasure: Neo4jErasure,
  ) {}

  async ingest(
    graphId: string,
    batch: { interactions: InteractionInput[]; accounts: AccountInput[] },
    /** A batch of a resumable upload (uploads.ts): stored only at the expected progress, which moves in this transaction. */
    upload?: UploadStep,
    /**
     * A JSON batch's replay key (its Idempotency-Key, scoped to the caller): on a folded graph
     * the batch is recorded under it as a one-batch upload, in this transaction, so a retry
     * of the same batch is answered from that record and never folded in twice. Unused on
     * other graphs (ids and the Idempotency-Key plugin cover them).
     */
    batchKey?: string,
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
        timestamp: i.timestamp,
      });
    }
    const allAccountRows: Row[] = batch.accounts.map((a) => ({ id: a.id, properties: a.properties }));
    const now = new Date().toISOString();

    const result = await this.ctx.inWrite(async (tx) => {
      // Everything below is recomputed on each attempt (executeWrite may retry).
      const locked = await tx.run(q.get('ingest-lock-graph'), { graphId, now, chunks: this.options.chunks });
      if (locked.records.length === 0) return null;
      const folds = locked.records[0]?.get('fold') === 'day';
      const step = upload ?? (folds && batchKey !== undefined ? batchStep(batchKey, batch.interactions) : undefined);
      if (folds && step === undefined && batch.interactions.some((i) => i.id === null)) throw new FoldUnguarded(graphId);
      if (step) {
        const begun = await beginStep(this.ctx, tx, graphId, step, now);
        if (begun !== 'write') return { ...begun, replayed: true };
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
      // A folded graph: the events without ids become fold groups (src/store/fold.ts).
      let groups: FoldGroup[] = [];
      if (folds) {
        groups = foldEvents(
          graphId,
          kept.filter((r) => r.id === null).map((r) => ({ source: r.source as string, target: r.target as string, type: r.type as string, weight: r.weight as number, timestamp: r.timestamp as number | null })),
        );
        kept = kept.filter((r) => r.id !== null);
      }
      const keys = kept.flatMap((r) => (r.key === null ? [] : [r.key as string]));
      for (const g of groups) keys.push(g.key);

      const existing = new Set<string>();
      for (const chunk of chunks(keys, chunkSize)) {
        const res = await tx.run(q.get('ingest-existing-keys'), { keys: chunk });
        for (const record of res.records) existing.add(str(record.get('key')));
      }
      const fresh = existing.size === 0 ? kept : kept.filter((r) => !existing.has(r.key as string));
      // Fold groups already stored add to their relationship; the others are created below.
      const added = groups.filter((g) => existing.has(g.key));
      const newGroups = added.length === 0 ? groups : groups.filter((g) => !existing.has(g.key));
      const duplicateIds = existing.size - added.length;
      let foldedEvents = 0;
      for (const g of groups) foldedEvents += g.count;
      const toCreate: Row[] = newGroups.length === 0 ? fresh : [...fresh];
      if (newGroups.length > 0) {
        for (const g of newGroups) {
          toCreate.push({ id: null, key: g.key, source: g.source, target: g.target, type: g.type, weight: g.weight, ts: g.ts === null ? null : int(g.ts), count: int(g.count) });
        }
      }

      // The writes below are pipelined: every chunk is sent without waiting for the one
      // before (the server runs them in order, in this transaction), so it never idles
      // while the next chunk is packed and sent. The interactions wait for one answer only:
      // their endpoints' node ids (ingest-interactions matches the endpoints by node id).
      const writes: Array<Promise<unknown>> = [];
      for (const chunk of chunks(accountRows, chunkSize)) {
        writes.push(tx.run(q.get('ingest-accounts'), { graphId, rows: chunk }).summary());
      }
      const accountIds = new Set<string>();
      for (const r of toCreate) {
        accountIds.add(r.source as string);
        accountIds.add(r.target as string);
      }
      // Endpoint accounts, with their node ids back (the interactions and the batch's
      // projection chunk name them so).
      const endpointIds = [...accountIds];
      const endpoints = [...chunks(endpointIds, chunkSize)].map((chunk) => tx.run(q.get('ingest-account-ids'), { graphId, ids: chunk }));
      const nodeOf = new Map<string, number>();
      const endpointsSettled = await Promise.allSettled([...writes, ...endpoints]);
      const endpointFailure = endpointsSettled.find((outcome) => outcome.status === 'rejected');
      if (endpointFailure) throw (endpointFailure as PromiseRejectedResult).reason;
      {
        let at = 0;
        for (const result of endpoints) {
          for (const node of ((await result).records[0]?.get('nodes') ?? []) as number[]) nodeOf.set(endpointIds[at++] as string, node);
        }
      }
      const node = (id: string) => {
        const found = nodeOf.get(id);
        if (found === undefined) throw new Error(`store/ingestion: account '${id}' has no node id; batch rolled back`);
        return found;
      };
      const created = [...chunks(toCreate, chunkSize)].map((chunk) => tx.run(q.get('ingest-interactions'), { graphId, ...interactionColumns(chunk, node) }));
      const updated = [...chunks(added, chunkSize)].map((chunk) => {
        const add: Record<string, [ReturnType<typeof int>, number]> = {};
        for (const g of chunk) add[g.key] = [int(g.count), g.weight];
        return tx.run(q.get('ingest-fold-add'), { keys: chunk.map((g) => g.key), add });
      });
      const settled = await Promise.allSettled([...created, ...updated]);
      const failed = settled.find((outcome) => outcome.status === 'rejected');
      if (failed) throw (failed as PromiseRejectedResult).reason;
      let relationships = 0;
      for (const result of created) relationships += toNumber((await result).records[0]?.get('stored') ?? 0);
      let grown = 0;
      for (const result of updated) grown += toNumber((await result).records[0]?.get('updated') ?? 0);
      // The batch's projection chunk: what it stored, as the projection reads it.
      if (locked.records[0]?.get('chunks') === 'valid' && (toCreate.length > 0 || added.length > 0)) {
        const chunk = new ChunkBuilder();
        for (const r of toCreate) {
          const ts = r.count === undefined ? (r.timestamp as number | null) : r.ts === null ? null : toNumber(r.ts);
          chunk.add(node(r.source as string), node(r.target as string), r.type as string, r.weight as number, ts, r.count === undefined ? 1 : toNumber(r.count));
        }
        if (added.length > 0) {
          // Folded additions: their endpoints exist already (not merged above): looked up.
          const missing = [...new Set(added.flatMap((g) => [g.source, g.target]))].filter((id) => !nodeOf.has(id));
          for (const ids of chunks(missing, chunkSize)) {
            const res = await tx.run(q.get('ingest-account-ids'), { graphId, ids });
            let k = 0;
            for (const n of (res.records[0]?.get('nodes') ?? []) as number[]) nodeOf.set(ids[k++] as string, n);
          }
          for (const g of added) chunk.add(node(g.source), node(g.target), g.type, g.weight, g.ts, g.count);
        }
        await writeChunk(this.ctx, tx, graphId, toNumber(locked.records[0]?.get('version')), 0, chunk.pack());
      }
      if (relationships !== toCreate.length || grown !== added.length) {
        // Cannot happen (both endpoints were merged above, the keys were found under the
        // graph lock); refuse to commit a miscount.
        throw new Error(
          `store/neo4j-store: stored ${relationships} of ${toCreate.length} new relationships and added to ${grown} of ${added.length} folded ones; batch rolled back`,
        );
      }
      const outcome = { stored: fresh.length + foldedEvents, duplicates: repeats + duplicateIds, suppressed };
      if (step) await commitStep(this.ctx, tx, graphId, step, outcome, now);
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

/**
 * A chunk of rows as the column lists ingest-interactions takes (endpoints as node ids); no
 * id, key or count column when no row has one.
 */
function interactionColumns(rows: Row[], node: (id: string) => number): Row {
  const withIds = rows.some((r) => r.id !== null);
  const withKeys = withIds || rows.some((r) => r.key !== null);
  const withCounts = rows.some((r) => r.count !== undefined);
  return {
    sources: rows.map((r) => node(r.source as string)),
    targets: rows.map((r) => node(r.target as string)),
    types: rows.map((r) => r.type),
    weights: rows.map((r) => r.weight),
    ts: rows.map((r) => r.ts),
    ids: withIds ? rows.map((r) => r.id) : null,
    keys: withKeys ? rows.map((r) => r.key) : null,
    counts: withCounts ? rows.map((r) => r.count ?? null) : null,
  };
}

/**
 * A JSON batch as a one-batch upload (src/store/uploads.ts) under its replay key: its first
 * commit records the batch's digest, so the same batch again is answered from the record
 * (replayed) and another batch under the same key is refused (UploadConflict).
 */
function batchStep(batchKey: string, interactions: readonly InteractionInput[]): UploadStep {
  const uploadId = `json-${createHash('sha256').update(batchKey).digest('hex').slice(0, 48)}`;
  const digest = uploadDigest('', interactions.map((i) => JSON.stringify([i.id, i.source, i.target, i.type, i.weight, i.timestamp])));
  return { uploadId, rowsBefore: 0, rows: interactions.length, batchRows: interactions.length, digest };
}
