// One chunk of IN_NICHE memberships for writeBack 'compact' (the first three trusted members
// and the bridges of each niche: result-writing.ts BROWSER_TRUSTED_LINKS): the figures Browser users read on the relationship (rank, the score and
// its three factors, role, confidence); every other figure of a member is in the result
// blocks and in the API. Same columns as result-members.cypher, fewer of them; the index
// hints keep the seeks when a plan was cached while the database was still empty.
// Params: $analysisId, $graphId, $segments: [{nicheId, from, to}], $accountIds, $ranks,
// $scores, $centralities, $ties, $positiveShares, $roles, $confidences.
UNWIND $segments AS s
MATCH (n:Niche {analysisId: $analysisId, id: s.nicheId})
USING INDEX SEEK n:Niche(analysisId, id)
UNWIND range(s.from, s.to - 1) AS i
MATCH (a:Account {graphId: $graphId, id: $accountIds[i]})
USING INDEX SEEK a:Account(graphId, id)
CREATE (a)-[m:IN_NICHE {
  analysisId: $analysisId, rank: $ranks[i], score: $scores[i], centrality: $centralities[i],
  ties: $ties[i], positiveShare: $positiveShares[i], role: $roles[i], confidence: $confidences[i]
}]->(n)
RETURN count(m) AS members
