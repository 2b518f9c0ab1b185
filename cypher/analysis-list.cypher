// One page of a graph's analyses, newest first (createdAt, then id, both descending), with
// the total; null total when the graph is unknown or being deleted. Same fields as
// analysis-get.cypher. Params: $graphId, $offset, $limit (integers).
OPTIONAL MATCH (g:Graph {id: $graphId}) WHERE g.deleting IS NULL
CALL (g) {
  OPTIONAL MATCH (a:Analysis {graphId: $graphId}) WHERE g IS NOT NULL
  RETURN count(a) AS total
}
CALL (g) {
  OPTIONAL MATCH (a:Analysis {graphId: $graphId}) WHERE g IS NOT NULL
  WITH a ORDER BY a.createdAt DESC, a.id DESC
  SKIP $offset LIMIT $limit
  RETURN collect(a {.id, .graphId, .status, .params, .createdAt, .startedAt, .finishedAt, .error,
                    .accounts, .edges, .niches, .communities, .modularity, .nicheModularity, .resolutionUsed, .runs, .consensusRounds,
                    .louvainDisconnected, .unassigned, .meanConfidence, .timings, .graphVersion,
                    .projectionCached, .erasures, .baselineAnalysisId, .lineage,
                    browserView: CASE WHEN a.status = 'succeeded' THEN coalesce(a.browserView, 'written') END}) AS items
}
RETURN g IS NOT NULL AS found, total, items
