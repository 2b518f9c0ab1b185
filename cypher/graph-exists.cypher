// Whether a graph exists and is not being deleted, with its version (raised by every
// ingest; 0 before the first) and its fold mode. Params: $graphId.
MATCH (g:Graph {id: $graphId})
WHERE g.deleting IS NULL
RETURN g.id AS id, coalesce(g.version, 0) AS version, coalesce(g.fold, 'none') AS fold
