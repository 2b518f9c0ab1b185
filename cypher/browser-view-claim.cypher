// Claims the materialization of an analysis' Browser view (src/store/browser-view.ts) for
// $token, in one transaction that also removes whatever an earlier materialization staged (its
// (:Niche) and (:Community) nodes with their IN_NICHE, IN_COMMUNITY and CONTINUES
// relationships): only a succeeded analysis whose Browser view is not written, and not held
// by another materialization whose lease is still running at $now (epoch ms); one of $owner's
// own (a token "$owner/...": its worker ended, the caller knows it is not running) may be
// taken over at once. The lock on the
// Analysis node is taken first (the SET), so two claims run one after the other.
// Returns the claimed analysis' graph, baseline and result revision; no row -> not claimed.
// Params: $analysisId, $owner, $token, $now, $leaseUntil (epoch ms).
// Index seeks: Neo4j 5 seeks a composite index only with a predicate on each of its
// properties, so the later keys get `IS NOT NULL` (without it, a scan of every node of the
// label). Always true: every (:Niche) has an id (CREATE with row.id in result-niches, a niche id from niche-ids-allocate, never null); every (:Community) has an id (CREATE with row.id in result-communities, 'c' + rank, never null)
MATCH (a:Analysis {id: $analysisId})
SET a.browserClaim = coalesce(a.browserClaim, 0) + 1
WITH a
WHERE a.status = 'succeeded' AND a.browserView IN ['pending', 'failed']
  AND (a.browserOwner IS NULL OR a.browserOwner STARTS WITH $owner + '/' OR coalesce(a.browserLeaseUntil < $now, true))
SET a.browserView = 'pending', a.browserOwner = $token, a.browserLeaseUntil = $leaseUntil
WITH a
CALL (a) {
  MATCH (n:Niche {analysisId: $analysisId})
  WHERE n.id IS NOT NULL
  DETACH DELETE n
  RETURN count(n) AS niches
}
CALL (a) {
  MATCH (c:Community {analysisId: $analysisId})
  WHERE c.id IS NOT NULL
  DETACH DELETE c
  RETURN count(c) AS communities
}
RETURN a.graphId AS graphId, a.baselineAnalysisId AS baselineAnalysisId, coalesce(a.resultRevision, 0) AS revision
