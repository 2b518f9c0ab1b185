// In an ingest transaction, after the graph lock (src/store/uploads.ts): the progress of a
// resumable streamed upload, created at zero on its first batch. The caller compares it
// with the rows it believes committed before this batch. Params: $graphId, $uploadId,
// $batchRows (integer), $now (ISO string).
MERGE (u:Upload {graphId: $graphId, id: $uploadId})
ON CREATE SET u.rows = 0, u.batches = 0, u.stored = 0, u.duplicates = 0, u.suppressed = 0,
              u.digest = '', u.batchRows = $batchRows, u.createdAt = $now, u.updatedAt = $now
RETURN u.rows AS rows, u.batches AS batches, u.digest AS digest,
       u.lastStored AS lastStored, u.lastDuplicates AS lastDuplicates, u.lastSuppressed AS lastSuppressed
