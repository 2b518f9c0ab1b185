// One chunk of new interactions: the store has already dropped ids repeated in the batch
// and keys already stored (ingest-existing-keys), and merged both endpoints
// (ingest-account-ids, which returned their node ids), all in the same transaction.
// Params, column-wise (one list per property, row i across them; packing a few lists costs
// the client far less than one map per row): $graphId, $sources, $targets (node ids of the
// endpoint accounts, as floats: what ingest-account-ids returns), $types, $weights (floats),
// $ts (integers, epoch ms, or null), $ids and $keys (key = graphId + '/' + id; either list
// may hold nulls, and either may be null itself when no row has an id), $counts (folded
// relationships, src/store/fold.ts: events per row; null when the chunk folds nothing, then
// no row gets a count property: it holds one event).
// Endpoints by node id, not by (graphId, id) index seek: inside a transaction that has
// created many accounts, every index seek also searches the transaction's own index
// changes, which grow with the batch (bench/README.md, "I/O path"); a node id is a direct
// record lookup. The node ids were read under the graph lock taken by ingest-lock-graph, in
// this transaction, and accounts are deleted only under that lock (erasure, graph deletion),
// so they still name the accounts merged.
UNWIND range(0, size($sources) - 1) AS i
MATCH (s:Account) WHERE id(s) = toInteger($sources[i])
MATCH (t:Account) WHERE id(t) = toInteger($targets[i])
CREATE (s)-[r:INTERACTED {
  graphId: $graphId, id: $ids[i], key: $keys[i], type: $types[i], weight: $weights[i], ts: $ts[i], count: $counts[i]
}]->(t)
RETURN count(r) AS stored
