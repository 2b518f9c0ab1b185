// First statement of a niche id allocation (src/store/niche-ids.ts): takes the write lock of
// the graph node, so that the counter read by niche-ids-allocate in the same transaction
// cannot be read by another allocation before this one commits. No row -> unknown graph.
// Params: $graphId.
MATCH (g:Graph {id: $graphId})
WHERE g.deleting IS NULL
SET g.nicheIdsLockedAt = timestamp()
RETURN g.id AS id
