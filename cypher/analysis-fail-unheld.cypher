// queued/running -> failed for an analysis nobody holds any more: no owner (stored before
// leases existed), a lease that expired before $now, or the owner $orphanOf when the caller
// has checked that this holder lost it (a job gone from the shared queue). No row otherwise.
// Params: $analysisId, $error, $finishedAt, $now, $orphanOf (string or null).
MATCH (a:Analysis {id: $analysisId})
WHERE a.status IN ['queued', 'running']
  AND (a.owner IS NULL OR a.leaseUntil < $now OR a.owner = $orphanOf)
SET a.status = 'failed', a.error = $error, a.finishedAt = $finishedAt, a.leaseUntil = null
RETURN a.id AS id
