// The progress of a resumable streamed upload (GET /v1/graphs/{graphId}/uploads/{uploadId}).
// Params: $graphId, $uploadId.
MATCH (u:Upload {graphId: $graphId, id: $uploadId})
RETURN u.rows AS rows, u.batches AS batches, u.stored AS stored, u.duplicates AS duplicates,
       u.suppressed AS suppressed, u.digest AS digest, u.batchRows AS batchRows,
       u.createdAt AS createdAt, u.updatedAt AS updatedAt
