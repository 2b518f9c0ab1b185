// Last transaction of writeResult: marks the analysis succeeded with its summary and its
// timings, only while it is held by $owner and running (or already succeeded by $owner: the
// driver retrying a commit whose answer was lost), and only when every block the write staged
// (the compact form: members, index, ties, communities and catalogue blocks) is there and was
// written by $owner (a sweep removed none; no late writer that lost its lease overwrote one).
// Its Browser view becomes 'pending' (src/store/browser-view.ts materializes it next). A cancelled, reclaimed or taken-over analysis is never turned into
// succeeded by a late runner, and is left as it is (writeResult then discards what it staged).
// Returns the status after the statement: 'lost' when $owner does not hold it (any more),
// 'incomplete' when staged rows were missing, else its status ('succeeded'); no row ->
// unknown analysis; and its result revision (the Browser view's first materialization takes
// the result in memory for the stored form at that revision: src/store/browser-view-source.ts).
// Params: $analysisId, $owner, $finishedAt, $timings (JSON string of AnalysisTimings, or
// null: keep the stored ones), $blocks (integer: the blocks the write staged), $accounts, $edges, $niches, $communities, $modularity, $nicheModularity,
// $resolution, $runs, $consensusRounds, $louvainDisconnected, $unassigned, $meanConfidence,
// $baselineAnalysisId and $lineage (the baseline and a JSON string of what the lineage found:
// events, dissolved; both null without one).
// Each kind of staged row is counted in one pass (all of them, and those of $owner).
// Index seeks: Neo4j 5 seeks a composite index only with a predicate on each of its
// properties, so the later keys get `IS NOT NULL` (without it, a scan of every node of the
// label). Always true: every (:ResultBlock) has kind and seq (written only by MERGE on (analysisId, kind, seq) in result-blocks, which refuses null keys)
MATCH (a:Analysis {id: $analysisId})
CALL () {
  MATCH (b:ResultBlock {analysisId: $analysisId})
  WHERE b.kind IS NOT NULL AND b.seq IS NOT NULL
  RETURN count(b) AS blocks, count(CASE WHEN b.writer = $owner THEN 1 END) AS ownBlocks
}
WITH a,
     a.owner = $owner AND a.status IN ['running', 'succeeded'] AS held,
     blocks = $blocks AND ownBlocks = $blocks AS complete
FOREACH (_ IN CASE WHEN held AND complete THEN [1] ELSE [] END |
  SET a.status = 'succeeded', a.leaseUntil = null,
      a.browserView = 'pending', a.browserOwner = null, a.browserLeaseUntil = null,
      a.finishedAt = $finishedAt, a.error = null,
      a.timings = coalesce($timings, a.timings),
      a.accounts = $accounts, a.edges = $edges, a.niches = $niches, a.communities = $communities,
      a.modularity = $modularity, a.nicheModularity = $nicheModularity,
      a.resolutionUsed = $resolution, a.runs = $runs, a.consensusRounds = $consensusRounds,
      a.louvainDisconnected = $louvainDisconnected, a.unassigned = $unassigned,
      a.meanConfidence = $meanConfidence, a.baselineAnalysisId = $baselineAnalysisId, a.lineage = $lineage)
RETURN CASE WHEN NOT held THEN 'lost' WHEN NOT complete THEN 'incomplete' ELSE a.status END AS status,
       coalesce(a.resultRevision, 0) AS revision
