// A runner takes an analysis: queued and held by $queuedBy (whoever queued it) or already by
// $owner -> running; or queued/running under a lease that expired before $now (its runner
// died) -> taken over. The new holder's lease runs until $leaseUntil. Anything else (finished,
// cancelled, held by a live runner) is left alone: `claimed` false, with what holds it.
// No row -> unknown analysis.
// Params: $analysisId, $owner, $queuedBy, $leaseUntil, $now, $startedAt.
MATCH (a:Analysis {id: $analysisId})
WITH a,
     (a.status = 'queued' AND a.owner IN [$queuedBy, $owner])
     OR (a.status IN ['queued', 'running'] AND a.leaseUntil IS NOT NULL AND a.leaseUntil < $now) AS claimable
FOREACH (_ IN CASE WHEN claimable THEN [1] ELSE [] END |
  SET a.status = 'running', a.startedAt = $startedAt, a.owner = $owner, a.leaseUntil = $leaseUntil,
      a.attempts = coalesce(a.attempts, 0) + 1)
RETURN claimable AS claimed, a.status AS status, a.leaseUntil AS leaseUntil
