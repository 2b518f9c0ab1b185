// The graph of an analysis and whether it has erased accounts (after a result was written:
// one computed from a projection read before an erasure is redacted). Params: $analysisId.
MATCH (a:Analysis {id: $analysisId})
RETURN a.graphId AS graphId, EXISTS { MATCH (:Erasure {graphId: a.graphId}) } AS erasures
