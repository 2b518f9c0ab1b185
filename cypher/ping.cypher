// Liveness probe used by Neo4jGraphStore.ping().
RETURN 1 AS ok
