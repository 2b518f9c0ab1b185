// At start-up: every queued/running analysis was cut off by a restart.
// Params: $error, $finishedAt.
MATCH (a:Analysis)
WHERE a.status IN ['queued', 'running']
SET a.status = 'failed', a.error = $error, a.finishedAt = $finishedAt
RETURN count(a) AS failed
