// Makes sure the accounts named by a chunk of new interactions exist.
// Params: $graphId, $ids (distinct account ids).
UNWIND $ids AS id
MERGE (a:Account {graphId: $graphId, id: id})
RETURN count(*) AS accounts
