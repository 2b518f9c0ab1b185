// A chunk rebuild that failed (src/store/projection-chunks.ts, ChunkRebuild) gives the set
// back in the state it claimed it in, if it still holds it (under the graph's write lock).
// Params: $graphId, $claim, $previous (the state returned by projection-chunks-claim), $now (ISO string).
MATCH (g:Graph {id: $graphId})
SET g.projectionChunksAt = $now
WITH g
WHERE g.projectionChunks = $claim
SET g.projectionChunks = $previous
