// One chunk of a rebuild (src/store/projection-chunks.ts, ChunkRebuild), in a transaction of
// its own: written pending (no graphId, so no projection reads it; orphanOf and rebuild name
// its graph and rebuild) and only while the rebuild still holds the set: checked under the
// graph's write lock (taken by the SET before the check), so nothing is written once
// the graph is being deleted or the claim was lost. No row -> claim lost, nothing written.
// Params: $graphId, $claim, $token, $now (ISO string), $seq, $part (integers), $events (integer),
// $types (JSON array of strings), $columns (base64 string), $counted (boolean), $layout (integer).
MATCH (g:Graph {id: $graphId})
SET g.projectionChunksAt = $now
WITH g
WHERE g.deleting IS NULL AND g.projectionChunks = $claim
CREATE (:ProjectionChunk {
  orphanOf: $graphId, rebuild: $token, seq: $seq, part: $part, events: $events, types: $types,
  columns: $columns, counted: $counted, layout: $layout
})
RETURN g.id AS id
