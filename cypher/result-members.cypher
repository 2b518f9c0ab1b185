// One chunk of memberships. rank = position of the member in its niche (0 = most trusted).
// Params: $analysisId, $graphId, $rows: [{nicheId, accountId, rank, score, pagerank,
// globalPagerank, inStrength, outStrength, negativeInStrength, weightedDegree, internalShare}].
UNWIND $rows AS row
MATCH (n:Niche {analysisId: $analysisId, id: row.nicheId})
MATCH (a:Account {graphId: $graphId, id: row.accountId})
CREATE (a)-[m:IN_NICHE {
  analysisId: $analysisId, rank: row.rank, score: row.score, pagerank: row.pagerank,
  globalPagerank: row.globalPagerank, inStrength: row.inStrength, outStrength: row.outStrength,
  negativeInStrength: row.negativeInStrength, weightedDegree: row.weightedDegree,
  internalShare: row.internalShare
}]->(n)
RETURN count(m) AS members
