// One chunk of new interactions: the store has already dropped ids repeated in the batch
// and keys already stored (ingest-existing-keys), and merged both endpoints
// (ingest-account-ids), all in the same transaction.
// Params: $graphId, $rows: [{id, key, source, target, type, weight, ts}] where
// key = graphId + '/' + id or null, weight a float, ts an integer (epoch ms) or null.
// USING INDEX SEEK: a plan made while the statistics were those of an empty or much
// smaller graph must still seek. A plain USING INDEX is also satisfied by scanning the
// whole (graphId, id) index per row, which a fresh server was seen to do once (a 50k batch
// took 6 minutes instead of 10 s).
UNWIND $rows AS row
MATCH (s:Account {graphId: $graphId, id: row.source})
USING INDEX SEEK s:Account(graphId, id)
MATCH (t:Account {graphId: $graphId, id: row.target})
USING INDEX SEEK t:Account(graphId, id)
CREATE (s)-[r:INTERACTED {
  graphId: $graphId, id: row.id, key: row.key, type: row.type, weight: row.weight, ts: row.ts
}]->(t)
RETURN count(r) AS stored
