// Records a queued analysis and links it to its graph. No row -> unknown graph.
// Params: $id, $graphId, $status, $params (JSON string), $createdAt, $startedAt, $finishedAt, $error.
MATCH (g:Graph {id: $graphId})
WHERE g.deleting IS NULL
CREATE (a:Analysis {
  id: $id, graphId: $graphId, status: $status, params: $params,
  createdAt: $createdAt, startedAt: $startedAt, finishedAt: $finishedAt, error: $error
})-[:OF_GRAPH]->(g)
RETURN a.id AS id
