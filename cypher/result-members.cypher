// One chunk of memberships. The index hints keep the seeks when a plan was cached while
// the database was still empty (the planner then prefers label scans).
// One chunk of memberships. rank = position of the member in its niche (0 = most trusted).
// Params: $analysisId, $graphId, $rows: [{nicheId, accountId, rank, score, pagerank,
// globalPagerank, inStrength, outStrength, negativeInStrength, weightedDegree, internalShare,
// centrality, ties, positiveShare, reciprocity, repeat, embeddedness, withinDegreeZ,
// participation, role, confidence, tieIds, tieWeights, tieOverlaps, tieSameNiche}]
// (tie*: parallel lists, the account's strongest reciprocal ties, strongest first).
UNWIND $rows AS row
MATCH (n:Niche {analysisId: $analysisId, id: row.nicheId})
USING INDEX n:Niche(analysisId, id)
MATCH (a:Account {graphId: $graphId, id: row.accountId})
USING INDEX a:Account(graphId, id)
CREATE (a)-[m:IN_NICHE {
  analysisId: $analysisId, rank: row.rank, score: row.score, pagerank: row.pagerank,
  globalPagerank: row.globalPagerank, inStrength: row.inStrength, outStrength: row.outStrength,
  negativeInStrength: row.negativeInStrength, weightedDegree: row.weightedDegree,
  internalShare: row.internalShare, centrality: row.centrality, ties: row.ties,
  positiveShare: row.positiveShare, reciprocity: row.reciprocity, repeat: row.repeat,
  embeddedness: row.embeddedness, withinDegreeZ: row.withinDegreeZ,
  participation: row.participation, role: row.role, confidence: row.confidence,
  tieIds: row.tieIds, tieWeights: row.tieWeights, tieOverlaps: row.tieOverlaps,
  tieSameNiche: row.tieSameNiche, centralityNames: row.centralityNames,
  centralityValues: row.centralityValues
}]->(n)
RETURN count(m) AS members
