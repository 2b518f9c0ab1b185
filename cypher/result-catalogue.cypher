// What a reader needs before reading blocks of a succeeded analysis (result-reading.ts):
// its niche rows in rank order (without their member lists, with their lineage from the
// baseline analysis, baselineAnalysisId, when it had one), its community rows in rank
// order, the first account id of each
// index block, the numbers of accounts and ties, and what identifies this version of the
// result (finishedAt, and resultRevision: raised by whatever changes a stored result, 0 when
// never set). No row -> no stored result (unknown, or
// not succeeded: a staged result is never read). Params: $analysisId.
MATCH (a:Analysis {id: $analysisId})
WHERE a.status = 'succeeded'
CALL () {
  MATCH (n:Niche {analysisId: $analysisId})
  WITH n ORDER BY n.rank
  RETURN collect(n {.id, .communityId, .size, .density, .conductance, .trustedIds, .trustedScores, .unassigned, .stability,
                    .reciprocity, .events, .firstActivity, .lastActivity, .eventsPerDay, .typeNames,
                    .typeShares, .bridgeIds, .bridgeParticipation, .bridgeTo, .memberStart, .tieStart,
                    .tieCount, .redacted, .lineageEvent, .lineageFrom, .lineageJaccard}) AS niches
}
CALL () {
  MATCH (c:Community {analysisId: $analysisId})
  WITH c ORDER BY c.rank
  RETURN collect(c {.id, .size, .density, .conductance, .nicheIds, .unassigned, .redacted}) AS communities
}
CALL () {
  MATCH (b:ResultBlock {analysisId: $analysisId, kind: 'index'})
  WITH b ORDER BY b.seq
  RETURN collect(b.firstId) AS indexFirstIds
}
RETURN a.graphId AS graphId, a.finishedAt AS finishedAt, coalesce(a.resultRevision, 0) AS revision,
       a.accounts AS accounts, a.edges AS ties, a.baselineAnalysisId AS baselineAnalysisId, niches, communities, indexFirstIds
