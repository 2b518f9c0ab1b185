// A rebuild's first write: the graph's old projection chunks go (they have no relationships).
// Params: $graphId.
MATCH (c:ProjectionChunk {graphId: $graphId})
DELETE c
