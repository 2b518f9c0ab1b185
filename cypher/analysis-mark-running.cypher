// queued -> running. Any other status is left alone. Params: $analysisId, $startedAt.
MATCH (a:Analysis {id: $analysisId})
WHERE a.status = 'queued'
SET a.status = 'running', a.startedAt = $startedAt
RETURN a.id AS id
