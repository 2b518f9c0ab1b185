// The guard of every transaction of a Browser-view materialization (src/store/browser-view.ts):
// a row only while $token holds it, the analysis is succeeded and its result is still at
// $revision (a redaction raises it: what was read before is stale). With $renew, the lease
// moves to $leaseUntil (taking the Analysis node's lock: the niche and community transactions,
// which lock it anyway through OF_ANALYSIS). Params: $analysisId, $token, $revision, $renew,
// $leaseUntil.
MATCH (a:Analysis {id: $analysisId})
FOREACH (_ IN CASE WHEN $renew AND a.browserOwner = $token THEN [1] ELSE [] END | SET a.browserLeaseUntil = $leaseUntil)
WITH a
WHERE a.status = 'succeeded' AND a.browserView = 'pending' AND a.browserOwner = $token
  AND coalesce(a.resultRevision, 0) = $revision
RETURN a.graphId AS graphId
