// Last statement of an ingest transaction of a resumable upload: its progress moves past
// this batch, in the batch's own transaction (so the progress says exactly which batches
// are committed). Params: $graphId, $uploadId, $rows, $digest, $stored, $duplicates,
// $suppressed (this batch's figures, integers), $now (ISO string).
MATCH (u:Upload {graphId: $graphId, id: $uploadId})
SET u.rows = $rows, u.batches = u.batches + 1, u.digest = $digest,
    u.stored = u.stored + $stored, u.duplicates = u.duplicates + $duplicates, u.suppressed = u.suppressed + $suppressed,
    u.lastStored = $stored, u.lastDuplicates = $duplicates, u.lastSuppressed = $suppressed, u.updatedAt = $now
RETURN u.rows AS rows
