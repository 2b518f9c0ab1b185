// First statement of a chunk rebuild (src/store/projection-chunks.ts): takes the graph's write
// lock (ingests and erasures wait for it) without raising the version (the data does not
// change), and says whether the chunk set is valid already (another rebuild came first).
// No row -> unknown graph, or being deleted. Params: $graphId.
MATCH (g:Graph {id: $graphId})
WHERE g.deleting IS NULL
SET g.projectionChunks = coalesce(g.projectionChunks, 'missing')
RETURN g.projectionChunks AS state, coalesce(g.version, 0) AS version, coalesce(g.fold, 'none') AS fold
