/**
 * Resumable streamed uploads (cypher/upload-*.cypher): a client that names its stream with
 * an Upload-Id gets, for that id, a progress record (:Upload {graphId, id, rows, batches,
 * digest, ...}) that every batch moves on in the batch's own ingest transaction. So the
 * record says exactly which batches are committed, whatever died (the API process, Neo4j,
 * the connection) and whether or not an answer reached the client; and a re-sent body
 * skips exactly those rows (src/http/routes/interactions/stream.ts), so no batch is applied
 * twice, interactions without ids included.
 *
 * A batch is stored only when the record's rows equal the rows the caller believes
 * committed before it (a compare-and-set under the graph's write lock, which every ingest
 * takes first): two streams racing under one Upload-Id cannot both apply a batch (the
 * loser gets UploadConflict). A record already one batch further with this batch's digest
 * is the same batch committed before (a commit whose acknowledgement was lost and that the
 * driver retried): nothing is written again.
 *
 * The digest chains SHA-256 over the batches' rows (uploadDigest), so a resumed body that
 * does not begin with the committed rows is refused rather than silently misaligned.
 * Records live until their graph is deleted (graph-delete.cypher).
 */
import { createHash } from 'node:crypto';
import type { ManagedTransaction } from 'neo4j-driver';
import type { Neo4jContext } from './neo4j-context.js';
import { int, str, toNumber } from './neo4j-values.js';
import type { IngestResult, UploadProgress, UploadStep } from './port.js';

/** The upload's progress moved on (another stream with the same Upload-Id), so this batch was not stored. */
export class UploadConflict extends Error {
  constructor(
    readonly uploadId: string,
    readonly committedRows: number,
    readonly expectedRows: number,
  ) {
    super(`upload '${uploadId}' has ${committedRows} rows committed, not the ${expectedRows} this stream expected: another stream with the same Upload-Id is running or ran`);
    this.name = 'UploadConflict';
  }
}

/** The digest after one more batch: SHA-256 of the previous digest and the batch's rows (one text per row). */
export function uploadDigest(previous: string, rows: readonly string[]): string {
  const h = createHash('sha256').update(previous).update('\u0000');
  for (const row of rows) h.update(row).update('\n');
  return h.digest('hex');
}

/**
 * In an ingest transaction, after the graph lock: 'write' when the batch is to be stored
 * (commit with commitStep afterwards), or the first commit's figures when this very batch
 * is committed already. Throws UploadConflict otherwise.
 */
export async function beginStep(ctx: Neo4jContext, tx: ManagedTransaction, graphId: string, step: UploadStep, now: string): Promise<'write' | IngestResult> {
  const res = await tx.run(ctx.q.get('upload-step'), { graphId, uploadId: step.uploadId, batchRows: int(step.batchRows), now });
  const r = res.records[0];
  const rows = toNumber(r?.get('rows') ?? 0);
  if (rows === step.rowsBefore) return 'write';
  if (rows === step.rowsBefore + step.rows && str(r?.get('digest')) === step.digest) {
    return { stored: toNumber(r?.get('lastStored') ?? 0), duplicates: toNumber(r?.get('lastDuplicates') ?? 0), suppressed: toNumber(r?.get('lastSuppressed') ?? 0) };
  }
  throw new UploadConflict(step.uploadId, rows, step.rowsBefore);
}

/** Last statement of the batch's transaction: the progress moves past it. */
export async function commitStep(ctx: Neo4jContext, tx: ManagedTransaction, graphId: string, step: UploadStep, result: IngestResult, now: string): Promise<void> {
  await tx.run(ctx.q.get('upload-commit'), {
    graphId,
    uploadId: step.uploadId,
    rows: int(step.rowsBefore + step.rows),
    digest: step.digest,
    stored: int(result.stored),
    duplicates: int(result.duplicates),
    suppressed: int(result.suppressed),
    now,
  });
}

export async function uploadProgress(ctx: Neo4jContext, graphId: string, uploadId: string): Promise<UploadProgress | null> {
  const r = (await ctx.read('upload-get', { graphId, uploadId })).records[0];
  if (!r) return null;
  return {
    uploadId,
    graphId,
    rows: toNumber(r.get('rows')),
    batches: toNumber(r.get('batches')),
    stored: toNumber(r.get('stored')),
    duplicates: toNumber(r.get('duplicates')),
    suppressed: toNumber(r.get('suppressed')),
    batchRows: toNumber(r.get('batchRows')),
    digest: str(r.get('digest')),
    createdAt: str(r.get('createdAt')),
    updatedAt: str(r.get('updatedAt')),
  };
}
