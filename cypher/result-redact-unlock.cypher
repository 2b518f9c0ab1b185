// A redaction that found none of the erased accounts in the result: nothing changes.
// Params: $analysisId.
MATCH (a:Analysis {id: $analysisId})
REMOVE a.redacting
