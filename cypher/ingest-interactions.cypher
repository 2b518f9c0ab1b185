// One chunk of new interactions: the store has already dropped ids repeated in the batch
// and keys already stored (ingest-existing-keys), and merged both endpoints
// (ingest-account-ids), all in the same transaction.
// Params: $graphId, $rows: [{id, key, source, target, type, weight, ts}] where
// key = graphId + '/' + id or null, weight a float, ts an integer (epoch ms) or null.
UNWIND $rows AS row
MATCH (s:Account {graphId: $graphId, id: row.source})
MATCH (t:Account {graphId: $graphId, id: row.target})
CREATE (s)-[r:INTERACTED {
  graphId: $graphId, id: row.id, key: row.key, type: row.type, weight: row.weight, ts: row.ts
}]->(t)
RETURN count(r) AS stored
