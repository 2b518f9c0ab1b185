// The catalogue block of an analysis (src/store/result-catalogue.ts), whatever its status (the
// Browser view is materialized from it, browser-view.ts). No row -> none (a result stored
// before the catalogue block). Params: $analysisId.
MATCH (b:ResultBlock {analysisId: $analysisId, kind: 'catalogue', seq: 0})
RETURN b.data AS data
