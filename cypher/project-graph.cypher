// A graph's accounts and interaction events for projection (src/store/projection.ts), as a few
// large records instead of one record per row: neo4j-driver pays per record far more than per
// list element (see bench/README.md, Projection).
//
// Records, in this order:
//   1. account chunks: `ids` (up to $idsPerRecord account ids, ascending: the (graphId, id)
//      index gives them in order) and `nodes` (their node ids, as floats);
//   2. event batches: the out-events of a run of consecutive accounts of that list (so
//      every event of a source is in one batch, numbered `first`), one record per interaction
//      `type` of the batch with parallel lists: `source` (the source's position in the
//      account list), `target` (the target's node id), `weight`, `ts` (epoch ms, NaN when
//      none). Runs hold about $eventsPerRecord events, sized from the database-wide
//      ratio of interactions to accounts (count store: free).
// On a folded graph ($folded, src/store/fold.ts) each batch record also has `count` (events
// per relationship; 1 for one not folded); elsewhere `count` is null and costs nothing.
// Numbers are sent as floats: the driver decodes a float list without an object per value.
// The time window [from, to), $timedOnly (leave out interactions without a timestamp: a
// time decay cannot age them) and the types weighted 0 are applied here; weights are applied
// by the client (src/store/pair-aggregator.ts).
// Params: $graphId, $from, $to (epoch ms or null), $timedOnly (boolean), $droppedTypes (list), $folded (boolean),
// $idsPerRecord, $eventsPerRecord.
MATCH (a:Account)
WHERE a.graphId = $graphId AND a.id IS NOT NULL
WITH a
ORDER BY a.graphId, a.id
WITH collect(a) AS accounts, collect(a.id) AS accountIds
CALL () {
  MATCH ()-[rel:INTERACTED]->()
  RETURN count(rel) AS allEvents
}
CALL () {
  MATCH (x:Account)
  RETURN count(x) AS allAccounts
}
WITH accounts, accountIds, toInteger(ceil($eventsPerRecord * (allAccounts + 1.0) / (allEvents + 1.0))) AS perBatch
CALL (perBatch, accounts, accountIds) {
  UNWIND range(0, size(accountIds) - 1, $idsPerRecord) AS first
  RETURN first, accountIds[first..first + $idsPerRecord] AS ids,
         [node IN accounts[first..first + $idsPerRecord] | toFloat(id(node))] AS nodes,
         null AS type, null AS source, null AS target, null AS weight, null AS ts, null AS count
  UNION ALL
  UNWIND range(0, size(accounts) - 1, perBatch) AS first
  CALL (accounts, first, perBatch) {
    UNWIND range(first, first + perBatch - 1) AS i
    WITH i, accounts[i] AS s
    WHERE s IS NOT NULL
    MATCH (s)-[r:INTERACTED]->(t)
    WHERE ($from IS NULL OR r.ts >= $from) AND ($to IS NULL OR r.ts < $to) AND (NOT $timedOnly OR r.ts IS NOT NULL)
      AND NOT coalesce(r.type, 'unknown') IN $droppedTypes
    RETURN r.type AS type,
           collect(toFloat(i)) AS source,
           collect(toFloat(id(t))) AS target,
           collect(coalesce(toFloat(r.weight), 0.0)) AS weight,
           collect(coalesce(toFloat(r.ts), 0.0 / 0.0)) AS ts,
           CASE WHEN $folded THEN collect(coalesce(toFloat(r.count), 1.0)) END AS count
  }
  RETURN first, null AS ids, null AS nodes, type, source, target, weight, ts, count
}
RETURN first, ids, nodes, type, source, target, weight, ts, count
