// One projection chunk (src/store/projection-chunks.ts): the events one transaction stored,
// packed, written in that transaction (an ingest's, or a rebuild's).
// Params: $graphId, $seq (the graph version of the writing transaction), $part (integer),
// $events (integer), $types (JSON array of strings), $columns (base64 string),
// $counted (boolean), $layout (integer).
CREATE (:ProjectionChunk {
  graphId: $graphId, seq: $seq, part: $part, events: $events, types: $types,
  columns: $columns, counted: $counted, layout: $layout
})
