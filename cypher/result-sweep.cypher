// At start-up, after failUnfinished: removes the result rows (blocks, niches with their
// IN_NICHE memberships) of every analysis that is not succeeded, or no longer exists:
// what a process killed while writing a result left behind. No params.
CALL () {
  MATCH (b:ResultBlock)
  WHERE NOT EXISTS { MATCH (a:Analysis {id: b.analysisId}) WHERE a.status = 'succeeded' }
  DELETE b
  RETURN count(b) AS blocks
}
CALL () {
  MATCH (n:Niche)
  WHERE NOT EXISTS { MATCH (a:Analysis {id: n.analysisId}) WHERE a.status = 'succeeded' }
  DETACH DELETE n
  RETURN count(n) AS niches
}
RETURN blocks + niches AS removed
