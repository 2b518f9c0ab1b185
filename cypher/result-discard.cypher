// Removes every result row of one analysis: its blocks, its niches and their IN_NICHE
// memberships (a write that failed, was cancelled, or is written again). With
// $keepSucceeded, nothing is removed when the analysis is succeeded (markFailed after a
// result committed). Params: $analysisId, $keepSucceeded (boolean).
OPTIONAL MATCH (a:Analysis {id: $analysisId})
WITH $keepSucceeded AND a IS NOT NULL AND a.status = 'succeeded' AS keep
CALL (keep) {
  MATCH (b:ResultBlock {analysisId: $analysisId})
  WHERE NOT keep
  DELETE b
  RETURN count(b) AS blocks
}
CALL (keep) {
  MATCH (n:Niche {analysisId: $analysisId})
  WHERE NOT keep
  DETACH DELETE n
  RETURN count(n) AS niches
}
RETURN blocks + niches AS removed
