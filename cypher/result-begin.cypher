// Last transaction of writeResult: marks the analysis succeeded with its summary, unless it
// failed meanwhile (cancelled, or marked failed at a restart) or its staged rows are not all
// there (a sweep removed some): then it is left as it is, and writeResult discards what it
// staged. Returns the status after the statement ('incomplete' when rows were missing); no
// row -> unknown analysis.
// Params: $analysisId, $finishedAt, $blocks, $nicheRows (integers: the rows the write
// staged), $accounts, $edges, $niches, $modularity, $resolution, $runs, $consensusRounds,
// $louvainDisconnected, $unassigned, $meanConfidence, $baselineAnalysisId and $lineage (the
// baseline and a JSON string of what the lineage found: events, dissolved; both null without one).
MATCH (a:Analysis {id: $analysisId})
WITH a,
     COUNT { MATCH (b:ResultBlock {analysisId: $analysisId}) } AS blocks,
     COUNT { MATCH (n:Niche {analysisId: $analysisId}) } AS nicheRows
WITH a, blocks = $blocks AND nicheRows = $nicheRows AS complete
FOREACH (_ IN CASE WHEN a.status <> 'failed' AND complete THEN [1] ELSE [] END |
  SET a.status = 'succeeded', a.finishedAt = $finishedAt, a.error = null,
      a.accounts = $accounts, a.edges = $edges, a.niches = $niches, a.modularity = $modularity,
      a.resolutionUsed = $resolution, a.runs = $runs, a.consensusRounds = $consensusRounds,
      a.louvainDisconnected = $louvainDisconnected, a.unassigned = $unassigned,
      a.meanConfidence = $meanConfidence, a.baselineAnalysisId = $baselineAnalysisId, a.lineage = $lineage)
RETURN CASE WHEN complete OR a.status = 'failed' THEN a.status ELSE 'incomplete' END AS status
