// Removes every result row of one analysis: its blocks, its niches and their IN_NICHE
// memberships, its communities (a write that failed, was cancelled, or is written again). With
// $keepSucceeded, nothing is removed when the analysis is succeeded (markFailed after a
// result committed). With $owner, nothing is removed unless $owner holds the analysis (or
// held it when it failed): a writer that lost its lease never removes what the analysis'
// next holder staged. $owner null: the caller has just failed the analysis (failUnheld).
// A row of an analysis that no longer exists is always removed.
// Params: $analysisId, $keepSucceeded (boolean), $owner (string or null).
// Index seeks: Neo4j 5 seeks a composite index only with a predicate on each of its
// properties, so the later keys get `IS NOT NULL` (without it, a scan of every node of the
// label). Always true: every (:ResultBlock) has kind and seq (written only by MERGE on (analysisId, kind, seq) in result-blocks, which refuses null keys); every (:Niche) has an id (CREATE with row.id in result-niches, a niche id from niche-ids-allocate, never null); every (:Community) has an id (CREATE with row.id in result-communities, 'c' + rank, never null)
OPTIONAL MATCH (a:Analysis {id: $analysisId})
WITH a IS NOT NULL AND (($keepSucceeded AND a.status = 'succeeded') OR ($owner IS NOT NULL AND coalesce(a.owner <> $owner, true))) AS keep
CALL (keep) {
  MATCH (b:ResultBlock {analysisId: $analysisId})
  WHERE NOT keep AND b.kind IS NOT NULL AND b.seq IS NOT NULL
  DELETE b
  RETURN count(b) AS blocks
}
CALL (keep) {
  MATCH (n:Niche {analysisId: $analysisId})
  WHERE NOT keep AND n.id IS NOT NULL
  DETACH DELETE n
  RETURN count(n) AS niches
}
CALL (keep) {
  MATCH (c:Community {analysisId: $analysisId})
  WHERE NOT keep AND c.id IS NOT NULL
  DETACH DELETE c
  RETURN count(c) AS communities
}
RETURN blocks + niches + communities AS removed
