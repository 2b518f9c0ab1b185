// One chunk of new interactions: the store has already dropped ids repeated in the batch
// and keys already stored (ingest-existing-keys), and merged both endpoints
// (ingest-account-ids), all in the same transaction.
// Params: $graphId, $rows: [{id, key, source, target, type, weight, ts}] where
// key = graphId + '/' + id or null, weight a float, ts an integer (epoch ms) or null.
// USING INDEX: a plan cached while the graph was empty must still seek, not scan.
UNWIND $rows AS row
MATCH (s:Account {graphId: $graphId, id: row.source})
USING INDEX s:Account(graphId, id)
MATCH (t:Account {graphId: $graphId, id: row.target})
USING INDEX t:Account(graphId, id)
CREATE (s)-[r:INTERACTED {
  graphId: $graphId, id: row.id, key: row.key, type: row.type, weight: row.weight, ts: row.ts
}]->(t)
RETURN count(r) AS stored
