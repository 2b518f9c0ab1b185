// A folded graph (src/store/fold.ts): adds a batch's events to the folded relationships
// already stored under their fold keys (found by ingest-existing-keys in this transaction,
// under the graph lock). One seek with the whole key list (see ingest-existing-keys for why
// not one seek a key); $add maps each key to [count, weight sum] of this batch.
// Params: $keys (list of fold keys), $add (map key -> [count (integer), weight (float)]).
MATCH ()-[r:INTERACTED]->()
USING INDEX SEEK r:INTERACTED(key)
WHERE r.key IN $keys
WITH r, $add[r.key] AS add
SET r.count = coalesce(r.count, 1) + add[0], r.weight = r.weight + add[1]
RETURN count(r) AS updated
