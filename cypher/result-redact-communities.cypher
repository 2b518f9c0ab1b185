// A redaction's community rows: a community that lost erased members of its niches loses them
// from its size and is marked `redacted` (density and conductance are those its analysis
// computed with their interactions, like a redacted niche's figures).
// Params: $analysisId, $rows: [{id, members}] (members: erased accounts of its niches, integer).
UNWIND $rows AS row
MATCH (c:Community {analysisId: $analysisId, id: row.id})
SET c.size = c.size - row.members, c.redacted = true
RETURN count(c) AS communities
