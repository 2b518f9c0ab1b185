// Phase timings of an analysis, as a JSON string (see AnalysisTimings in src/store/port.ts),
// written by its holder only (a runner that lost its lease does not overwrite the next one's).
// Params: $analysisId, $owner, $timings.
MATCH (a:Analysis {id: $analysisId})
WHERE a.owner = $owner
SET a.timings = $timings
RETURN a.id AS id
