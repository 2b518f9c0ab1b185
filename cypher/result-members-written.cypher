// Whether a chunk of IN_NICHE memberships is already stored: its first membership exists.
// A chunk commits whole, so this tells a retried chunk transaction (the driver retries when
// the connection broke, possibly after the commit went through) not to write it twice.
// Params: $analysisId, $graphId, $nicheId, $accountId (the chunk's first member).
MATCH (:Account {graphId: $graphId, id: $accountId})-[m:IN_NICHE]->(:Niche {analysisId: $analysisId, id: $nicheId})
RETURN count(m) AS written
