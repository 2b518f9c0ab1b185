// Last transaction of writeResult: marks the analysis succeeded with its summary, unless it
// failed meanwhile (cancelled, or marked failed at a restart): then it is left as it is,
// and writeResult discards what it staged. Returns the status after the statement; no row
// -> unknown analysis.
// Params: $analysisId, $finishedAt, $accounts, $edges, $niches, $modularity, $resolution,
// $runs, $consensusRounds, $louvainDisconnected, $unassigned, $meanConfidence.
MATCH (a:Analysis {id: $analysisId})
FOREACH (_ IN CASE WHEN a.status <> 'failed' THEN [1] ELSE [] END |
  SET a.status = 'succeeded', a.finishedAt = $finishedAt, a.error = null,
      a.accounts = $accounts, a.edges = $edges, a.niches = $niches, a.modularity = $modularity,
      a.resolutionUsed = $resolution, a.runs = $runs, a.consensusRounds = $consensusRounds,
      a.louvainDisconnected = $louvainDisconnected, a.unassigned = $unassigned,
      a.meanConfidence = $meanConfidence)
RETURN a.status AS status
