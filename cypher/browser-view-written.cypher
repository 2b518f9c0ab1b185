// Last transaction of a Browser-view materialization (src/store/browser-view.ts): marks the
// view written, which makes it visible to every explore.cypher query, only while $token holds
// it at $revision and only when every (:Niche) and (:Community) node of the analysis is there
// and is $token's own ($niches, $communities: the rows it wrote). Returns 'written', or
// 'lost' (not held, or the result changed), 'incomplete'; no row -> unknown analysis.
// Params: $analysisId, $token, $revision, $niches, $communities.
// Index seeks: Neo4j 5 seeks a composite index only with a predicate on each of its
// properties, so the later keys get `IS NOT NULL` (without it, a scan of every node of the
// label). Always true: every (:Niche) has an id (CREATE with row.id in result-niches, a niche id from niche-ids-allocate, never null); every (:Community) has an id (CREATE with row.id in result-communities, 'c' + rank, never null)
MATCH (a:Analysis {id: $analysisId})
SET a.browserClaim = coalesce(a.browserClaim, 0) + 1
WITH a
CALL (a) {
  MATCH (n:Niche {analysisId: $analysisId})
  WHERE n.id IS NOT NULL
  RETURN count(n) AS niches, count(CASE WHEN n.writer = $token THEN 1 END) AS ownNiches
}
CALL (a) {
  MATCH (c:Community {analysisId: $analysisId})
  WHERE c.id IS NOT NULL
  RETURN count(c) AS communities, count(CASE WHEN c.writer = $token THEN 1 END) AS ownCommunities
}
WITH a,
     a.status = 'succeeded' AND a.browserView = 'pending' AND a.browserOwner = $token
       AND coalesce(a.resultRevision, 0) = $revision AS held,
     niches = $niches AND ownNiches = $niches AND communities = $communities AND ownCommunities = $communities AS complete
FOREACH (_ IN CASE WHEN held AND complete THEN [1] ELSE [] END |
  SET a.browserView = 'written', a.browserOwner = null, a.browserLeaseUntil = null)
RETURN CASE WHEN NOT held THEN 'lost' WHEN NOT complete THEN 'incomplete' ELSE 'written' END AS status
