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
 */
import type { Neo4jContext } from './neo4j-context.js';
import { chunks, int, str, toNumber, type Row } from './neo4j-values.js';
import type { AccountInput, IngestResult, InteractionInput } from './port.js';

export class Neo4jIngestion {
  constructor(
    private readonly ctx: Neo4jContext,
    private readonly options: { chunkSize: number },
  ) {}

  async ingest(
    graphId: string,
    batch: { interactions: InteractionInput[]; accounts: AccountInput[] },
  ): Promise<IngestResult | null> {
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
    const keys = candidates.flatMap((r) => (r.key === null ? [] : [r.key as string]));
    const accountRows: Row[] = batch.accounts.map((a) => ({ id: a.id, properties: a.properties }));
    const now = new Date().toISOString();

    const result = await this.ctx.inWrite(async (tx) => {
      // Everything below is recomputed on each attempt (executeWrite may retry).
      const locked = await tx.run(q.get('ingest-lock-graph'), { graphId, now });
      if (locked.records.length === 0) return null;

      const existing = new Set<string>();
      for (const chunk of chunks(keys, chunkSize)) {
        const res = await tx.run(q.get('ingest-existing-keys'), { keys: chunk });
        for (const record of res.records) existing.add(str(record.get('key')));
      }
      const fresh = existing.size === 0 ? candidates : candidates.filter((r) => !existing.has(r.key as string));

      for (const chunk of chunks(accountRows, chunkSize)) {
        await tx.run(q.get('ingest-accounts'), { graphId, rows: chunk });
      }
      const accountIds = new Set<string>();
      for (const r of fresh) {
        accountIds.add(r.source as string);
        accountIds.add(r.target as string);
      }
      for (const chunk of chunks([...accountIds], chunkSize)) {
        await tx.run(q.get('ingest-account-ids'), { graphId, ids: chunk });
      }

      let stored = 0;
      for (const chunk of chunks(fresh, chunkSize)) {
        const res = await tx.run(q.get('ingest-interactions'), { graphId, rows: chunk });
        stored += toNumber(res.records[0]?.get('stored') ?? 0);
      }
      if (stored !== fresh.length) {
        // Cannot happen (both endpoints were merged above); refuse to commit a miscount.
        throw new Error(`store/neo4j-store: stored ${stored} of ${fresh.length} new interactions; batch rolled back`);
      }
      return { stored, duplicates: batchDuplicates + existing.size };
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
