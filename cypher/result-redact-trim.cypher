// After a redaction wrote its blocks over the old keys: the old blocks past the new end of
// each kind go. Params: $analysisId, $members, $index, $ties (integers: blocks of each kind now).
MATCH (b:ResultBlock {analysisId: $analysisId})
WHERE (b.kind = 'members' AND b.seq >= $members) OR (b.kind = 'index' AND b.seq >= $index)
   OR (b.kind = 'ties' AND b.seq >= $ties)
DELETE b
RETURN count(*) AS removed
