// A redaction's niche rows: every row's size and offsets (they close up), and for a row that
// lost a member its member, trusted and bridge lists and the `redacted` flag (its figures
// were computed with the erased account).
// Params: $analysisId, $rows: [{id, size, memberStart, tieStart, tieCount, redacted,
// memberIds?, trustedIds?, trustedScores?, bridgeIds?, bridgeParticipation?, bridgeTo?}].
UNWIND $rows AS row
MATCH (n:Niche {analysisId: $analysisId, id: row.id})
SET n.size = row.size, n.memberStart = row.memberStart, n.tieStart = row.tieStart, n.tieCount = row.tieCount
FOREACH (_ IN CASE WHEN row.redacted THEN [1] ELSE [] END |
  SET n.redacted = true, n.memberIds = row.memberIds, n.trustedIds = row.trustedIds,
      n.trustedScores = row.trustedScores, n.bridgeIds = row.bridgeIds,
      n.bridgeParticipation = row.bridgeParticipation, n.bridgeTo = row.bridgeTo)
RETURN count(n) AS niches
