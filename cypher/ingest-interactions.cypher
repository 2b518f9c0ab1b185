// One chunk of new interactions: the store has already dropped ids repeated in the batch
// and keys already stored (ingest-existing-keys), and merged both endpoints
// (ingest-account-ids), all in the same transaction.
// Params, column-wise (one list per property, row i across them; packing a few lists costs
// the client far less than one map per row): $graphId, $sources, $targets, $types,
// $weights (floats), $ts (integers, epoch ms, or null), $ids and $keys (key = graphId + '/' + id;
// either list may hold nulls, and either may be null itself when no row has an id), $counts
// (folded relationships, src/store/fold.ts: events per row; null when the chunk folds nothing,
// then no row gets a count property: it holds one event).
// USING INDEX SEEK: a plan made while the statistics were those of an empty or much
// smaller graph must still seek. A plain USING INDEX is also satisfied by scanning the
// whole (graphId, id) index per row, which a fresh server was seen to do once (a 50k batch
// took 6 minutes instead of 10 s).
UNWIND range(0, size($sources) - 1) AS i
MATCH (s:Account {graphId: $graphId, id: $sources[i]})
USING INDEX SEEK s:Account(graphId, id)
MATCH (t:Account {graphId: $graphId, id: $targets[i]})
USING INDEX SEEK t:Account(graphId, id)
CREATE (s)-[r:INTERACTED {
  graphId: $graphId, id: $ids[i], key: $keys[i], type: $types[i], weight: $weights[i], ts: $ts[i], count: $counts[i]
}]->(t)
RETURN count(r) AS stored
