// What the projection of an analysis read: the graph version its rows are at least as new
// as, and whether it came from the projection cache. Params: $analysisId, $graphVersion,
// $cached.
MATCH (a:Analysis {id: $analysisId})
SET a.graphVersion = $graphVersion, a.projectionCached = $cached
RETURN a.id AS id
