// First statement of a redaction (src/store/result-redaction.ts): takes the write lock of a
// succeeded analysis (so two redactions of one result run one after the other, each reading
// what the other wrote) and returns what the rewrite needs. No row -> no stored result.
// Params: $analysisId.
MATCH (a:Analysis {id: $analysisId})
WHERE a.status = 'succeeded'
SET a.redacting = true
RETURN a.graphId AS graphId, a.params AS params
