// At start-up: queued/running analyses whose holder stopped renewing its lease before $now
// (or that have no holder: stored before leases existed) -> failed. Live holders' analyses,
// and those a shared queue holds (no expiry), are left alone.
// Params: $error, $finishedAt, $now.
MATCH (a:Analysis)
WHERE a.status IN ['queued', 'running'] AND (a.owner IS NULL OR a.leaseUntil < $now)
SET a.status = 'failed', a.error = $error, a.finishedAt = $finishedAt, a.leaseUntil = null
RETURN count(a) AS failed
