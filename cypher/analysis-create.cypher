// Records a queued analysis and links it to its graph, held by $owner (the process or queue
// that will run it) until $leaseUntil (epoch ms; null: no expiry, a shared queue holds it).
// No row -> unknown graph.
// Params: $id, $graphId, $status, $params (JSON string), $createdAt, $startedAt, $finishedAt,
// $error, $owner, $leaseUntil.
MATCH (g:Graph {id: $graphId})
WHERE g.deleting IS NULL
CREATE (a:Analysis {
  id: $id, graphId: $graphId, status: $status, params: $params,
  createdAt: $createdAt, startedAt: $startedAt, finishedAt: $finishedAt, error: $error,
  owner: $owner, leaseUntil: $leaseUntil, attempts: 0
})-[:OF_GRAPH]->(g)
RETURN a.id AS id
