// One result block (result-blocks.ts). No row -> missing. Params: $analysisId, $kind, $seq.
MATCH (b:ResultBlock {analysisId: $analysisId, kind: $kind, seq: $seq})
RETURN b {.ids, .tieIds, .centralityNames, .data} AS block
