// The graph of an analysis, before a result written in several transactions, while it is
// held by $owner (running, or succeeded by it). No row -> unknown analysis or not held. Params: $analysisId, $owner.
MATCH (a:Analysis {id: $analysisId})
WHERE a.owner = $owner AND a.status IN ['running', 'succeeded']
RETURN a.graphId AS graphId
