// Every block of a stored result (src/store/result-blocks.ts), for a redaction, with the
// lease holder that wrote it (the rewritten blocks keep it).
// Params: $analysisId.
MATCH (b:ResultBlock {analysisId: $analysisId})
RETURN b.kind AS kind, b.seq AS seq, b.ids AS ids, b.centralityNames AS centralityNames, b.data AS data,
       b.writer AS writer
ORDER BY b.kind, b.seq
