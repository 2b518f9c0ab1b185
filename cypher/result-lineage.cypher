// The CONTINUES relationships of one batch of niche rows (src/store/result-writing.ts, in the
// transaction of result-niches): from each niche of the analysis to every baseline niche it
// relates to (Jaccard >= 0.3, src/analysis/lineage.ts), with the Jaccard, the niche's lineage
// event and keepsId (the niche carries that baseline niche's id). Staged like the niche rows:
// explore.cypher's queries filter on the analysis' status. MERGE, so that a retried
// transaction rewrites rather than doubles; DETACH DELETE of the niche (result-discard) removes them.
// Params: $analysisId, $baselineAnalysisId, $rows: [{id, lineageEvent, lineageFrom, lineageJaccard}].
UNWIND $rows AS row
WITH row
WHERE row.lineageEvent IS NOT NULL AND size(row.lineageFrom) > 0
MATCH (n:Niche {analysisId: $analysisId, id: row.id})
UNWIND range(0, size(row.lineageFrom) - 1) AS k
MATCH (b:Niche {analysisId: $baselineAnalysisId, id: row.lineageFrom[k]})
MERGE (n)-[c:CONTINUES]->(b)
SET c.jaccard = row.lineageJaccard[k], c.event = row.lineageEvent, c.keepsId = row.lineageFrom[k] = row.id
RETURN count(c) AS continues
