// One chunk of niches of an analysis. trustedIds/trustedScores are parallel lists
// (trusted members, highest score first). Params: $analysisId, $graphId,
// $rows: [{id, rank, size, density, conductance, trustedIds, trustedScores}].
MATCH (a:Analysis {id: $analysisId})
UNWIND $rows AS row
CREATE (n:Niche {
  analysisId: $analysisId, graphId: $graphId, id: row.id, rank: row.rank, size: row.size,
  density: row.density, conductance: row.conductance,
  trustedIds: row.trustedIds, trustedScores: row.trustedScores
})-[:OF_ANALYSIS]->(a)
RETURN count(n) AS niches
