// Last step of a chunk rebuild (src/store/projection-chunks.ts, ChunkRebuild), under the
// graph's write lock: only while the rebuild still holds the set and the graph is at the
// version the rebuild read (no ingest or erasure committed since its claim), the graph's
// current chunks are retired (graphId removed: no projection reads them; orphanOf kept for
// the sweep), the rebuild's pending chunks become the set, and the set is valid. Property
// changes only (the chunks' columns are not rewritten): a small transaction whatever the
// graph's size. No row -> refused, nothing changed.
// Params: $graphId, $claim, $token, $version (integer), $now (ISO string).
MATCH (g:Graph {id: $graphId})
SET g.projectionChunksAt = $now
WITH g
WHERE g.deleting IS NULL AND g.projectionChunks = $claim AND coalesce(g.version, 0) = $version
CALL (g) {
  OPTIONAL MATCH (old:ProjectionChunk {graphId: $graphId})
  SET old.orphanOf = $graphId
  REMOVE old.graphId
  RETURN count(old) AS retired
}
CALL (g) {
  OPTIONAL MATCH (c:ProjectionChunk {orphanOf: $graphId, rebuild: $token})
  SET c.graphId = $graphId
  REMOVE c.orphanOf, c.rebuild
  RETURN count(c) AS promoted, coalesce(sum(c.events), 0) AS events
}
SET g.projectionChunks = 'valid'
RETURN retired, promoted, events
