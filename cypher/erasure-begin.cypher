// First step of an erasure (src/store/erasure.ts): takes the graph's write lock (ingests into
// the graph wait for it, and see the entry from its commit on), raises the graph's version
// (cached projections are stale from here), marks its projection chunks stale (they still hold
// the account's events: src/store/projection-chunks.ts), and writes the ledger entry, pending until
// erasure-finish. Written before anything is deleted: an erasure cut off half-way keeps the
// person suppressed, and is completed by a retry. No row -> unknown graph (or being deleted).
// Params: $graphId, $hash, $keyId, $now (ISO string).
MATCH (g:Graph {id: $graphId})
WHERE g.deleting IS NULL
SET g.updatedAt = $now, g.version = coalesce(g.version, 0) + 1, g.projectionChunks = 'stale'
MERGE (e:Erasure {hash: $hash})
ON CREATE SET e.graphId = $graphId, e.keyId = $keyId, e.erasedAt = $now
SET e.completedAt = null
RETURN g.id AS id
