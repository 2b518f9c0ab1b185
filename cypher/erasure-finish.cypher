// Last step of an erasure: the account node goes (its interactions went before, its
// memberships with the redaction of each result), the graph's version is raised again (a
// projection read while the interactions were being deleted is stale), its projection chunks are
// marked stale again (a rebuild that ran while the interactions were being deleted may hold
// some of them: src/store/projection-chunks.ts), and the ledger entry
// is complete. Params: $graphId, $accountId, $hash, $now (ISO string).
MATCH (g:Graph {id: $graphId})
SET g.updatedAt = $now, g.version = coalesce(g.version, 0) + 1, g.projectionChunks = 'stale'
WITH g
OPTIONAL MATCH (a:Account {graphId: $graphId, id: $accountId})
DETACH DELETE a
WITH count(*) AS done
MATCH (e:Erasure {hash: $hash})
SET e.completedAt = $now
RETURN e.hash AS hash
