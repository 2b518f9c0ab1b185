// queued/running -> failed with a reason, by its holder only; a finished analysis, or one
// another runner holds, is left alone (no row).
// Params: $analysisId, $owner, $error, $finishedAt.
MATCH (a:Analysis {id: $analysisId})
WHERE a.status IN ['queued', 'running'] AND a.owner = $owner
SET a.status = 'failed', a.error = $error, a.finishedAt = $finishedAt, a.leaseUntil = null
RETURN a.id AS id
