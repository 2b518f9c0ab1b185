// Makes sure the accounts named by a chunk of new interactions exist, and returns their node
// ids in the order of $ids (as floats: the batch's projection chunk names accounts by node id,
// src/store/projection-chunks.ts).
// Params: $graphId, $ids (distinct account ids).
UNWIND $ids AS id
MERGE (a:Account {graphId: $graphId, id: id})
RETURN collect(toFloat(id(a))) AS nodes
