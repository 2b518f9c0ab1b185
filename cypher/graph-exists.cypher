// Whether a graph exists and is not being deleted, with its version (raised by every
// ingest; 0 before the first), its fold mode and the state of its projection chunks
// (src/store/projection-chunks.ts). Params: $graphId.
MATCH (g:Graph {id: $graphId})
WHERE g.deleting IS NULL
RETURN g.id AS id, coalesce(g.version, 0) AS version, coalesce(g.fold, 'none') AS fold,
       coalesce(g.projectionChunks, 'missing') AS chunks
