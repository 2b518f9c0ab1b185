// The analyses of a graph with a stored result, for an erasure to redact. Params: $graphId.
MATCH (a:Analysis {graphId: $graphId})
WHERE a.status = 'succeeded'
RETURN a.id AS id
ORDER BY a.createdAt
