// The niche and scores of one account in one analysis. No row -> not part of it.
// Params: $analysisId, $accountId.
MATCH (an:Analysis {id: $analysisId})
MATCH (a:Account {graphId: an.graphId, id: $accountId})-[m:IN_NICHE]->(n:Niche {analysisId: $analysisId})
RETURN a.id AS accountId, n.id AS nicheId, n.size AS nicheSize, n.unassigned AS unassigned,
       m {accountId: a.id, .rank, .score, .pagerank, .globalPagerank, .inStrength,
          .outStrength, .negativeInStrength, .weightedDegree, .internalShare, .centrality, .ties,
          .positiveShare, .reciprocity, .repeat, .embeddedness, .withinDegreeZ, .participation,
          .role, .confidence, .tieIds, .tieWeights, .tieOverlaps, .tieSameNiche,
          .centralityNames, .centralityValues} AS member
