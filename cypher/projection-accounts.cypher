// A graph's accounts for a projection from chunks (src/store/projection.ts): ids ascending
// (the (graphId, id) index gives them in order) with their node ids as floats (what chunks
// name accounts by), $idsPerRecord a record, as the first records of project-graph.cypher.
// Params: $graphId, $idsPerRecord.
MATCH (a:Account)
WHERE a.graphId = $graphId AND a.id IS NOT NULL
WITH a
ORDER BY a.graphId, a.id
WITH collect(a) AS accounts
UNWIND range(0, size(accounts) - 1, $idsPerRecord) AS first
RETURN [node IN accounts[first..first + $idsPerRecord] | node.id] AS ids,
       [node IN accounts[first..first + $idsPerRecord] | toFloat(id(node))] AS nodes
