// A graph's accounts for a projection from chunks (src/store/projection.ts): ids ascending
// (the (graphId, id) index gives them in order) with their node ids as floats (what chunks
// name accounts by), $idsPerRecord a record, as the first records of project-graph.cypher.
// The id is taken from the index scan (a.id projected before the sort, which the index
// order satisfies) and collected as values, not as nodes whose id is read again from the
// store for each record (bench/README.md, "I/O path": about half the server's CPU).
// Params: $graphId, $idsPerRecord.
MATCH (a:Account)
WHERE a.graphId = $graphId AND a.id IS NOT NULL
WITH a.id AS id, toFloat(id(a)) AS node
ORDER BY a.graphId, a.id
WITH collect(id) AS ids, collect(node) AS nodes
UNWIND range(0, size(ids) - 1, $idsPerRecord) AS first
RETURN ids[first..first + $idsPerRecord] AS ids, nodes[first..first + $idsPerRecord] AS nodes
