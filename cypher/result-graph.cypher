// The lease guard of writeResult: the graph of an analysis while it is held by $owner
// (running, or succeeded by it: a result written again). Run first by writeResult and at
// the start of each of its staging transactions, so a writer that lost its lease
// (cancelled, reclaimed, taken over) stages nothing more. No row -> unknown analysis or
// not held. Params: $analysisId, $owner.
MATCH (a:Analysis {id: $analysisId})
WHERE a.owner = $owner AND a.status IN ['running', 'succeeded']
RETURN a.graphId AS graphId
