// One chunk of accounts with their properties. Properties keep their own names; the
// trailing assignments restore graphId and id, so input can never overwrite them.
// Params: $graphId, $rows: [{id, properties: map of primitives}].
UNWIND $rows AS row
MERGE (a:Account {graphId: $graphId, id: row.id})
SET a += row.properties, a.graphId = $graphId, a.id = row.id
RETURN count(*) AS accounts
