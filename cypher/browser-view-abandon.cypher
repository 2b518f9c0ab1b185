// A Browser-view materialization that failed (src/store/browser-view.ts): when $token still
// holds it, what it staged goes and the view is marked 'failed' (retried from the compact
// form: browser-view-pending, at the next boot or by the runner). The nodes of an analysis
// that no longer exists always go. Returns the nodes removed. Params: $analysisId, $token.
// Index seeks: Neo4j 5 seeks a composite index only with a predicate on each of its
// properties, so the later keys get `IS NOT NULL` (without it, a scan of every node of the
// label). Always true: every (:Niche) has an id (CREATE with row.id in result-niches, a niche id from niche-ids-allocate, never null); every (:Community) has an id (CREATE with row.id in result-communities, 'c' + rank, never null)
OPTIONAL MATCH (a:Analysis {id: $analysisId})
WITH a, a IS NULL OR (a.browserOwner = $token AND a.browserView = 'pending') AS mine
FOREACH (_ IN CASE WHEN a IS NOT NULL AND mine THEN [1] ELSE [] END |
  SET a.browserView = 'failed', a.browserOwner = null, a.browserLeaseUntil = null)
WITH mine
CALL (mine) {
  MATCH (n:Niche {analysisId: $analysisId})
  WHERE mine AND n.id IS NOT NULL
  DETACH DELETE n
  RETURN count(n) AS niches
}
CALL (mine) {
  MATCH (c:Community {analysisId: $analysisId})
  WHERE mine AND c.id IS NOT NULL
  DETACH DELETE c
  RETURN count(c) AS communities
}
RETURN niches + communities AS removed
