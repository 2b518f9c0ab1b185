// queued/running -> failed with a reason; a finished analysis is left alone.
// Params: $analysisId, $error, $finishedAt.
MATCH (a:Analysis {id: $analysisId})
WHERE a.status IN ['queued', 'running']
SET a.status = 'failed', a.error = $error, a.finishedAt = $finishedAt
RETURN a.id AS id
