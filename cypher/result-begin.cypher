// First statement of writeResult: locks the Analysis node (so deleteGraph waits for the
// result, or the result finds its analysis gone), marks it succeeded with its summary, only
// while it is held by $owner and running (or already succeeded by $owner: the driver retrying
// a commit whose answer was lost). A cancelled, reclaimed or taken-over analysis is never
// turned back into succeeded by a late runner.
// No row -> unknown analysis or not held (the transaction is then rolled back).
// Params: $analysisId, $owner, $finishedAt, $accounts, $edges, $niches, $modularity, $resolution,
// $runs, $consensusRounds, $louvainDisconnected, $unassigned, $meanConfidence.
MATCH (a:Analysis {id: $analysisId})
WHERE a.owner = $owner AND a.status IN ['running', 'succeeded']
SET a.status = 'succeeded', a.leaseUntil = null, a.finishedAt = $finishedAt, a.error = null,
    a.accounts = $accounts, a.edges = $edges, a.niches = $niches, a.modularity = $modularity,
    a.resolutionUsed = $resolution, a.runs = $runs, a.consensusRounds = $consensusRounds,
    a.louvainDisconnected = $louvainDisconnected, a.unassigned = $unassigned,
    a.meanConfidence = $meanConfidence
RETURN a.graphId AS graphId
