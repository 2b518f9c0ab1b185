// A graph with its number of accounts and interactions (degree counts, no relationship scan:
// on a folded graph `interactions` counts relationships, each holding `count` events)
// and its version (raised by every ingest).
// Params: $graphId.
MATCH (g:Graph {id: $graphId})
WHERE g.deleting IS NULL
OPTIONAL MATCH (a:Account {graphId: $graphId})
WITH g, count(a) AS accounts, sum(COUNT { (a)-[:INTERACTED]->() }) AS interactions
RETURN g.id AS id, g.name AS name, g.description AS description, g.createdAt AS createdAt,
       coalesce(g.fold, 'none') AS fold, accounts, interactions, coalesce(g.version, 0) AS version
