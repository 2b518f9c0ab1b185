// What the projection of an analysis read: the graph version its rows are at least as new
// as, and whether it came from the projection cache; written by its holder only.
// Params: $analysisId, $owner, $graphVersion, $cached.
MATCH (a:Analysis {id: $analysisId})
WHERE a.owner = $owner
SET a.graphVersion = $graphVersion, a.projectionCached = $cached
RETURN a.id AS id
