// A graph's projection chunks (src/store/projection-chunks.ts), one record each, in the order
// they were written. The sort holds node references and their (seq, part) only; the large
// properties are read as each record is sent. Params: $graphId.
MATCH (c:ProjectionChunk {graphId: $graphId})
WITH c
ORDER BY c.seq, c.part
RETURN c.events AS events, c.types AS types, c.columns AS columns,
       c.counted AS counted, c.layout AS layout
