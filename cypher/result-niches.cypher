// One chunk of niches of an analysis. trustedIds/trustedScores are parallel lists
// (trusted members, highest score first). Params: $analysisId, $graphId,
// $rows: [{id, rank, size, density, conductance, trustedIds, trustedScores, unassigned,
// stability, reciprocity, events, firstActivity, lastActivity, eventsPerDay, typeNames,
// typeShares, bridgeIds, bridgeParticipation, bridgeTo}]; bridgeTo[k] is the
// comma-separated list of niche ids bridge k reaches most (lists cannot nest in Neo4j).
MATCH (a:Analysis {id: $analysisId})
UNWIND $rows AS row
CREATE (n:Niche {
  analysisId: $analysisId, graphId: $graphId, id: row.id, rank: row.rank, size: row.size,
  density: row.density, conductance: row.conductance,
  trustedIds: row.trustedIds, trustedScores: row.trustedScores, unassigned: row.unassigned,
  stability: row.stability, reciprocity: row.reciprocity, events: row.events,
  firstActivity: row.firstActivity, lastActivity: row.lastActivity, eventsPerDay: row.eventsPerDay,
  typeNames: row.typeNames, typeShares: row.typeShares, bridgeIds: row.bridgeIds,
  bridgeParticipation: row.bridgeParticipation, bridgeTo: row.bridgeTo
})-[:OF_ANALYSIS]->(a)
RETURN count(n) AS niches
