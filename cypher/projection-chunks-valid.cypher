// A rebuild's last write: the graph's chunk set stands for its relationships again.
// Params: $graphId.
MATCH (g:Graph {id: $graphId})
SET g.projectionChunks = 'valid'
