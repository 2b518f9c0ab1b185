// Whether a batch of niche or community rows is already stored: its first row exists, written
// by $owner. A batch commits whole, so this tells a transaction the driver retries (the
// connection broke, possibly after the commit went through) not to write it twice
// (result-niches and result-communities CREATE their rows).
// Params: $analysisId, $owner, $nicheId, $communityId (the batch's first row; the other null).
RETURN EXISTS { MATCH (n:Niche {analysisId: $analysisId, id: $nicheId}) WHERE n.writer = $owner }
    OR EXISTS { MATCH (c:Community {analysisId: $analysisId, id: $communityId}) WHERE c.writer = $owner } AS written
