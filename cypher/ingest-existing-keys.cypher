// Which of these interaction keys are already stored (a replay). A read-only statement, so
// plain index seeks; it runs after ingest-lock-graph, in the same transaction, and the
// graph lock keeps any other ingest into this graph out until commit, so the answer stays
// exact. Params: $keys (list of graphId + '/' + id).
UNWIND $keys AS key
MATCH ()-[r:INTERACTED {key: key}]->()
RETURN key
