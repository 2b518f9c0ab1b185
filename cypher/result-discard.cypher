// Removes every result row of one analysis: its blocks, its niches and their IN_NICHE
// memberships, its communities (a write that failed, was cancelled, or is written again). With
// $keepSucceeded, nothing is removed when the analysis is succeeded (markFailed after a
// result committed). With $owner, nothing is removed unless $owner holds the analysis (or
// held it when it failed): a writer that lost its lease never removes what the analysis'
// next holder staged. $owner null: the caller has just failed the analysis (failUnheld).
// A row of an analysis that no longer exists is always removed.
// Params: $analysisId, $keepSucceeded (boolean), $owner (string or null).
OPTIONAL MATCH (a:Analysis {id: $analysisId})
WITH a IS NOT NULL AND (($keepSucceeded AND a.status = 'succeeded') OR ($owner IS NOT NULL AND coalesce(a.owner <> $owner, true))) AS keep
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
CALL (keep) {
  MATCH (c:Community {analysisId: $analysisId})
  WHERE NOT keep
  DETACH DELETE c
  RETURN count(c) AS communities
}
RETURN blocks + niches + communities AS removed
