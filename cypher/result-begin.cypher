// Last transaction of writeResult: marks the analysis succeeded with its summary, unless it
// failed meanwhile (cancelled, or marked failed at a restart) or its staged rows are not all
// there (a sweep removed some): then it is left as it is, and writeResult discards what it
// staged. Returns the status after the statement ('incomplete' when rows were missing); no
// row -> unknown analysis.
// Params: $analysisId, $finishedAt, $blocks, $nicheRows, $communityRows (integers: the rows
// the write staged), $accounts, $edges, $niches, $communities, $modularity,
// $nicheModularity, $resolution, $runs, $consensusRounds, $louvainDisconnected,
// $unassigned, $meanConfidence.
MATCH (a:Analysis {id: $analysisId})
WITH a,
     COUNT { MATCH (b:ResultBlock {analysisId: $analysisId}) } AS blocks,
     COUNT { MATCH (n:Niche {analysisId: $analysisId}) } AS nicheRows,
     COUNT { MATCH (c:Community {analysisId: $analysisId}) } AS communityRows
WITH a, blocks = $blocks AND nicheRows = $nicheRows AND communityRows = $communityRows AS complete
FOREACH (_ IN CASE WHEN a.status <> 'failed' AND complete THEN [1] ELSE [] END |
  SET a.status = 'succeeded', a.finishedAt = $finishedAt, a.error = null,
      a.accounts = $accounts, a.edges = $edges, a.niches = $niches, a.communities = $communities,
      a.modularity = $modularity, a.nicheModularity = $nicheModularity,
      a.resolutionUsed = $resolution, a.runs = $runs, a.consensusRounds = $consensusRounds,
      a.louvainDisconnected = $louvainDisconnected, a.unassigned = $unassigned,
      a.meanConfidence = $meanConfidence)
RETURN CASE WHEN complete OR a.status = 'failed' THEN a.status ELSE 'incomplete' END AS status
