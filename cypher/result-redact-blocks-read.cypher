// Every block of a stored result (src/store/result-blocks.ts), for a redaction, with the
// lease holder that wrote it (the rewritten blocks keep it).
// Params: $analysisId.
// Index seeks: Neo4j 5 seeks a composite index only with a predicate on each of its
// properties, so the later keys get `IS NOT NULL` (without it, a scan of every node of the
// label). Always true: every (:ResultBlock) has kind and seq (written only by MERGE on (analysisId, kind, seq) in result-blocks, which refuses null keys)
MATCH (b:ResultBlock {analysisId: $analysisId})
WHERE b.kind IS NOT NULL AND b.seq IS NOT NULL
RETURN b.kind AS kind, b.seq AS seq, b.ids AS ids, b.centralityNames AS centralityNames, b.data AS data,
       b.writer AS writer
ORDER BY b.kind, b.seq
