// The graph of an analysis, before a result written in several transactions.
// No row -> unknown analysis. Params: $analysisId.
MATCH (a:Analysis {id: $analysisId})
RETURN a.graphId AS graphId
