// The CONTINUES relationships into a Browser view just materialized (src/store/browser-view.ts)
// from the views of later analyses that have it as their baseline and were materialized first
// (their own lineage transactions, result-lineage, found no baseline niche to link to: in fleet
// mode another worker can write a later analysis' view while this one's is still being
// written, and a view that failed is written again at a later start). The later niches carry
// their lineage (lineageFrom, lineageJaccard, lineageEvent), so the links are the ones
// result-lineage would have made. MERGE: links already there are rewritten, not doubled.
// Auto-commit (CALL { } IN TRANSACTIONS is refused inside an explicit transaction), in small
// inner transactions. Params: $analysisId, $graphId.
// Index seeks: Neo4j 5 seeks a composite index only with a predicate on each of its
// properties, so the later keys get `IS NOT NULL` (without it, a scan of every node of the
// label). Always true: every (:Niche) has an id (CREATE with row.id in result-niches, a niche id from niche-ids-allocate, never null)
MATCH (later:Analysis {graphId: $graphId})
WHERE later.baselineAnalysisId = $analysisId
MATCH (n:Niche {analysisId: later.id})
WHERE n.id IS NOT NULL AND n.lineageEvent IS NOT NULL AND size(n.lineageFrom) > 0
CALL (n) {
  UNWIND range(0, size(n.lineageFrom) - 1) AS k
  MATCH (b:Niche {analysisId: $analysisId, id: n.lineageFrom[k]})
  MERGE (n)-[c:CONTINUES]->(b)
  SET c.jaccard = n.lineageJaccard[k], c.event = n.lineageEvent, c.keepsId = n.lineageFrom[k] = n.id
} IN TRANSACTIONS OF 1000 ROWS
