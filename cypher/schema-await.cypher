// Run by init() after schema.cypher: waits until every index is online.
// Params: $timeoutSeconds (integer).
CALL db.awaitIndexes($timeoutSeconds)
