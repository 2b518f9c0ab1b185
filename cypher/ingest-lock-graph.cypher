// First statement of an ingest transaction: takes the graph's write lock (so ingests into
// one graph run one after the other and the duplicate check is exact), then checks the
// graph is not being deleted. No row -> unknown graph. Params: $graphId, $now (ISO string).
MATCH (g:Graph {id: $graphId})
SET g.updatedAt = $now
WITH g
WHERE g.deleting IS NULL
RETURN g.id AS id
