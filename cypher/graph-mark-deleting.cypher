// First step of deleteGraph: flags the graph (taking its write lock, so a running ingest
// finishes first). From then on the graph is hidden and ingest refuses it.
// Returns no row when the graph is unknown. Params: $graphId.
MATCH (g:Graph {id: $graphId})
SET g.deleting = true
RETURN g.id AS id
