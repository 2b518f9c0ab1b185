// First statement of writeResult: locks the Analysis node (so deleteGraph waits for the
// result, or the result finds its analysis gone), marks it succeeded with its summary.
// No row -> unknown analysis (the transaction is then rolled back).
// Params: $analysisId, $finishedAt, $accounts, $edges, $niches, $modularity, $resolution,
// $runs, $consensusRounds, $louvainDisconnected, $unassigned, $meanConfidence.
MATCH (a:Analysis {id: $analysisId})
SET a.status = 'succeeded', a.finishedAt = $finishedAt, a.error = null,
    a.accounts = $accounts, a.edges = $edges, a.niches = $niches, a.modularity = $modularity,
    a.resolutionUsed = $resolution, a.runs = $runs, a.consensusRounds = $consensusRounds,
    a.louvainDisconnected = $louvainDisconnected, a.unassigned = $unassigned,
    a.meanConfidence = $meanConfidence
RETURN a.graphId AS graphId
