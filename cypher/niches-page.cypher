// One page of the niches of an analysis, largest first (rank order), with the total.
// Params: $analysisId, $offset, $limit (integers).
CALL () {
  MATCH (n:Niche {analysisId: $analysisId})
  RETURN count(n) AS total
}
CALL () {
  MATCH (n:Niche {analysisId: $analysisId})
  WITH n ORDER BY n.rank
  SKIP $offset LIMIT $limit
  RETURN collect(n {.id, .size, .density, .conductance, .trustedIds, .trustedScores, .unassigned, .stability,
                    .reciprocity, .events, .firstActivity, .lastActivity, .eventsPerDay, .typeNames,
                    .typeShares, .bridgeIds, .bridgeParticipation, .bridgeTo}) AS items
}
RETURN total, items
