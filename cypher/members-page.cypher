// One page of the members of a niche, score descending then account id ascending, with
// the niche's member count. No row -> the niche does not exist in that analysis.
// Params: $analysisId, $nicheId, $offset, $limit (integers).
MATCH (n:Niche {analysisId: $analysisId, id: $nicheId})
CALL (n) {
  MATCH (a:Account)-[m:IN_NICHE]->(n)
  WITH a, m ORDER BY m.score DESC, a.id ASC
  SKIP $offset LIMIT $limit
  RETURN collect(m {accountId: a.id, .rank, .score, .pagerank, .globalPagerank, .inStrength,
                    .outStrength, .negativeInStrength, .weightedDegree, .internalShare, .centrality, .ties,
                    .positiveShare, .reciprocity, .repeat, .embeddedness, .withinDegreeZ, .participation,
                    .role, .confidence, .tieIds, .tieWeights, .tieOverlaps, .tieSameNiche,
                    .centralityNames, .centralityValues}) AS items
}
RETURN COUNT { (:Account)-[:IN_NICHE]->(n) } AS total, items
