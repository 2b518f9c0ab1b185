// One batch of niche rows of an analysis (staged: invisible until result-begin).
// trustedIds/trustedScores, typeNames/typeShares and bridgeIds/bridgeParticipation/bridgeTo
// are parallel lists (bridgeTo[k]: comma-separated niche ids bridge k reaches most, as
// lists cannot nest); memberIds: every member in rank order; memberStart: position of the
// first member in the result's member order; tieStart/tieCount: the niche's internal ties
// in the ties blocks; communityId: the community it lies in (null for the unassigned group).
// writer: the lease holder that wrote it (result-begin counts only its own holder's rows).
// Params: $analysisId, $graphId, $owner, $rows: [{id, rank, communityId, size, density,
// conductance, trustedIds, trustedScores, unassigned, stability, reciprocity, events,
// firstActivity, lastActivity, eventsPerDay, typeNames, typeShares, bridgeIds,
// bridgeParticipation, bridgeTo, memberIds, memberStart, tieStart, tieCount}].
// MERGE on the niche's key, so that a retried transaction rewrites rather than fails.
MATCH (a:Analysis {id: $analysisId})
UNWIND $rows AS row
MERGE (n:Niche {analysisId: $analysisId, id: row.id})
SET n += {
  graphId: $graphId, writer: $owner, rank: row.rank, communityId: row.communityId, size: row.size,
  density: row.density, conductance: row.conductance,
  trustedIds: row.trustedIds, trustedScores: row.trustedScores, unassigned: row.unassigned,
  stability: row.stability, reciprocity: row.reciprocity, events: row.events,
  firstActivity: row.firstActivity, lastActivity: row.lastActivity, eventsPerDay: row.eventsPerDay,
  typeNames: row.typeNames, typeShares: row.typeShares, bridgeIds: row.bridgeIds,
  bridgeParticipation: row.bridgeParticipation, bridgeTo: row.bridgeTo,
  memberIds: row.memberIds, memberStart: row.memberStart, tieStart: row.tieStart, tieCount: row.tieCount
}
MERGE (n)-[:OF_ANALYSIS]->(a)
RETURN count(n) AS niches
