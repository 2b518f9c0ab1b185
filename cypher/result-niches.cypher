// One batch of niche rows of an analysis (staged: invisible until result-begin), each linked
// to its analysis (OF_ANALYSIS) and to the community it lies in (IN_COMMUNITY: the
// communities are written first, result-communities).
// trustedIds/trustedScores, typeNames/typeShares and bridgeIds/bridgeParticipation/bridgeTo
// are parallel lists (bridgeTo[k]: comma-separated niche ids bridge k reaches most, as
// lists cannot nest); memberIds: every member in rank order (null for the unassigned group); memberStart: position of the
// first member in the result's member order; tieStart/tieCount: the niche's internal ties
// in the ties blocks; communityId: the community it lies in (null for the unassigned group);
// lineageEvent, lineageFrom, lineageJaccard: its lineage from the baseline's niches (the event,
// the related baseline niche ids best first and their Jaccard; null without a baseline and for
// the unassigned group).
// writer: the lease holder that wrote it (result-begin counts only its own holder's rows).
// Params: $analysisId, $graphId, $owner, $rows: [{id, rank, communityId, size, density,
// conductance, trustedIds, trustedScores, unassigned, stability, reciprocity, events,
// firstActivity, lastActivity, eventsPerDay, typeNames, typeShares, bridgeIds,
// bridgeParticipation, bridgeTo, memberIds, memberStart, tieStart, tieCount, lineageEvent,
// lineageFrom, lineageJaccard}].
// Returns the niches written and the IN_COMMUNITY links made (the writer checks both).
// CREATE, not MERGE + SET (a quarter more of the server's CPU, bench/README.md "Persistence,
// shift 6"): a transaction the driver retries after its commit went through is told so by
// result-rows-written and writes nothing. The index hint keeps the seek when a plan was
// cached while the database was still empty.
MATCH (a:Analysis {id: $analysisId})
UNWIND $rows AS row
CREATE (n:Niche {
  analysisId: $analysisId, id: row.id,
  graphId: $graphId, writer: $owner, rank: row.rank, communityId: row.communityId, size: row.size,
  density: row.density, conductance: row.conductance,
  trustedIds: row.trustedIds, trustedScores: row.trustedScores, unassigned: row.unassigned,
  stability: row.stability, reciprocity: row.reciprocity, events: row.events,
  firstActivity: row.firstActivity, lastActivity: row.lastActivity, eventsPerDay: row.eventsPerDay,
  typeNames: row.typeNames, typeShares: row.typeShares, bridgeIds: row.bridgeIds,
  bridgeParticipation: row.bridgeParticipation, bridgeTo: row.bridgeTo,
  memberIds: row.memberIds, memberStart: row.memberStart, tieStart: row.tieStart, tieCount: row.tieCount,
  lineageEvent: row.lineageEvent, lineageFrom: row.lineageFrom, lineageJaccard: row.lineageJaccard
})
CREATE (n)-[:OF_ANALYSIS]->(a)
WITH n, row
CALL (n, row) {
  WITH n, row
  WHERE row.communityId IS NOT NULL
  MATCH (c:Community {analysisId: $analysisId, id: row.communityId})
  USING INDEX SEEK c:Community(analysisId, id)
  CREATE (n)-[:IN_COMMUNITY]->(c)
  RETURN count(c) AS linked
}
RETURN count(n) AS niches, sum(linked) AS linked
