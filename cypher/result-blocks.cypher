// Staged result blocks of an analysis (src/store/result-blocks.ts: members, index and ties
// blocks of typed-array bytes). Invisible until result-begin marks the analysis succeeded.
// MERGE on the block's key: a transaction the driver retries after its commit went through
// rewrites the same blocks instead of failing on the constraint.
// writer: the lease holder that wrote it (result-begin counts only its own holder's rows).
// Params: $analysisId, $graphId, $owner, $rows: [{kind, seq, count, firstId, ids, tieIds,
// centralityNames, data}] (integers; data: bytes; null properties are not stored).
UNWIND $rows AS row
MERGE (b:ResultBlock {analysisId: $analysisId, kind: row.kind, seq: row.seq})
SET b.graphId = $graphId, b.writer = $owner, b.count = row.count, b.firstId = row.firstId, b.ids = row.ids,
    b.tieIds = row.tieIds, b.centralityNames = row.centralityNames, b.data = row.data
RETURN count(b) AS blocks
