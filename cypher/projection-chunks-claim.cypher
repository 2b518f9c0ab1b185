// First step of a chunk rebuild (src/store/projection-chunks.ts, ChunkRebuild): under the
// graph's write lock (the SET of projectionChunksAt takes it before anything is read), a set
// that is not valid is claimed for this rebuild: its state becomes $claim ('rebuilding:'
// and the rebuild's token). Ingests write no chunk while the set is not valid and raise
// the version, erasures mark it stale, a later rebuild claims it anew: each of these makes
// this rebuild's commit refuse. Returns the state before (a valid set is left alone; the
// token of an earlier rebuild that never committed names the pending chunks it may have
// left), the version the rebuild reads at, and the fold mode.
// No row -> unknown graph, or being deleted. Params: $graphId, $claim, $now (ISO string).
MATCH (g:Graph {id: $graphId})
SET g.projectionChunksAt = $now
WITH g
WHERE g.deleting IS NULL
WITH g, coalesce(g.projectionChunks, 'missing') AS previous
SET g.projectionChunks = CASE WHEN previous = 'valid' THEN previous ELSE $claim END
RETURN previous, coalesce(g.version, 0) AS version, coalesce(g.fold, 'none') AS fold
