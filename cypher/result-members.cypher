// One chunk of memberships, sent column-wise: $accountIds[i], $scores[i], ... describe
// member i of the chunk, and $segments cut the columns into runs of one niche each, so a
// niche is looked up once per run, not once per member, and the rows need no map keys on
// the wire (a few times less to encode and decode than a list of 27-key maps).
// $ranks[i] = position of member i in its niche (0 = most trusted): with writeBack
// 'compact' only some members of a niche have a relationship, so ranks are sent as a column.
// The index hints keep the seeks when a plan was cached while the database was still
// empty (the planner then prefers label scans).
// Params: $analysisId, $graphId, $segments: [{nicheId, from, to}] (integers; the members
// from..to-1 belong to nicheId), and the columns $accountIds, $ranks, $scores, $pageranks, $globalPageranks, $inStrengths, $outStrengths,
// $negativeInStrengths, $weightedDegrees, $internalShares, $centralities, $ties,
// $positiveShares, $reciprocities, $repeats, $embeddednesses, $withinDegreeZs,
// $participations, $roles, $confidences, $tieIds, $tieWeights, $tieOverlaps, $tieSameNiche,
// $centralityNames, $centralityValues (the last six: one list per member, the tie lists
// parallel, the account's strongest reciprocal ties, strongest first; a null centrality
// list is not stored).
UNWIND $segments AS s
MATCH (n:Niche {analysisId: $analysisId, id: s.nicheId})
USING INDEX SEEK n:Niche(analysisId, id)
UNWIND range(s.from, s.to - 1) AS i
MATCH (a:Account {graphId: $graphId, id: $accountIds[i]})
USING INDEX SEEK a:Account(graphId, id)
CREATE (a)-[m:IN_NICHE {
  analysisId: $analysisId, rank: $ranks[i], score: $scores[i], pagerank: $pageranks[i],
  globalPagerank: $globalPageranks[i], inStrength: $inStrengths[i], outStrength: $outStrengths[i],
  negativeInStrength: $negativeInStrengths[i], weightedDegree: $weightedDegrees[i],
  internalShare: $internalShares[i], centrality: $centralities[i], ties: $ties[i],
  positiveShare: $positiveShares[i], reciprocity: $reciprocities[i], repeat: $repeats[i],
  embeddedness: $embeddednesses[i], withinDegreeZ: $withinDegreeZs[i],
  participation: $participations[i], role: $roles[i], confidence: $confidences[i],
  tieIds: $tieIds[i], tieWeights: $tieWeights[i], tieOverlaps: $tieOverlaps[i],
  tieSameNiche: $tieSameNiche[i], centralityNames: $centralityNames[i],
  centralityValues: $centralityValues[i]
}]->(n)
RETURN count(m) AS members
