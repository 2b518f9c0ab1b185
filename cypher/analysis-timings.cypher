// Phase timings of an analysis, as a JSON string (see AnalysisTimings in src/store/port.ts).
// Params: $analysisId, $timings.
MATCH (a:Analysis {id: $analysisId})
SET a.timings = $timings
RETURN a.id AS id
