// Chunks no projection reads any more (src/store/projection-chunks.ts, ChunkRebuild): the
// ones a committed rebuild retired, and the pending ones of the rebuilds named by $tokens
// (this rebuild's own after it failed or lost its claim, or the one whose claim it took
// over: neither can commit). Never the pending chunks of a rebuild not named (it may be
// running). Auto-commit, in small inner transactions (each chunk a string of up to a few MB).
// Params: $graphId, $tokens (list of strings).
MATCH (c:ProjectionChunk {orphanOf: $graphId})
WHERE c.rebuild IS NULL OR c.rebuild IN $tokens
CALL (c) { DELETE c } IN TRANSACTIONS OF 10 ROWS
