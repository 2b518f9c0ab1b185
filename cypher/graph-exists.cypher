// Whether a graph exists and is not being deleted. Params: $graphId.
MATCH (g:Graph {id: $graphId})
WHERE g.deleting IS NULL
RETURN g.id AS id
