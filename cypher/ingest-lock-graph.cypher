// First statement of an ingest transaction: takes the graph's write lock (so ingests into
// one graph run one after the other and the duplicate check is exact), raises the graph's
// version (cached projections of older versions are stale from this commit on), then
// checks the graph is not being deleted, and says whether the graph has erased accounts (the
// erasure ledger, src/store/erasure.ts: then the batch is checked against it). No row ->
// unknown graph. Also returns the graph's fold mode (src/store/fold.ts), its new version (the
// seq of the batch's projection chunk) and the state of its projection chunks
// (src/store/projection-chunks.ts: the batch writes a chunk only when the set is 'valid').
// A store that writes no chunks ($chunks false) leaves the set stale (a later projection rebuilds it).
// Params: $graphId, $now (ISO string), $chunks (boolean).
MATCH (g:Graph {id: $graphId})
SET g.updatedAt = $now, g.version = coalesce(g.version, 0) + 1,
    g.projectionChunks = CASE WHEN $chunks THEN g.projectionChunks ELSE 'stale' END
WITH g
WHERE g.deleting IS NULL
RETURN g.id AS id, EXISTS { MATCH (:Erasure {graphId: $graphId}) } AS erasures, coalesce(g.fold, 'none') AS fold,
       g.version AS version, coalesce(g.projectionChunks, 'missing') AS chunks
