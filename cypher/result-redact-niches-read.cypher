// The niche rows of a stored result as a redaction rewrites them, in rank order.
// Params: $analysisId.
MATCH (n:Niche {analysisId: $analysisId})
RETURN n.id AS id, n.communityId AS communityId, coalesce(n.unassigned, false) AS unassigned, n.memberStart AS memberStart,
       n.tieStart AS tieStart, n.tieCount AS tieCount, n.bridgeIds AS bridgeIds,
       n.bridgeParticipation AS bridgeParticipation, n.bridgeTo AS bridgeTo
ORDER BY n.rank
