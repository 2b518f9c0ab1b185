// deleteGraph, after graph-mark-deleting: several auto-commit statements run in order with
// session.run (CALL ... IN TRANSACTIONS cannot run inside an explicit transaction).
// Each deletes in bounded inner transactions of $batchSize nodes (with their
// relationships), driven by a lazy index seek (no Eager: checked with EXPLAIN), so a
// large graph never sits in one transaction. Re-running them is harmless (a deleteGraph
// interrupted half-way is finished by the next one).
// Params: $graphId, $batchSize (integer).

// Analyses first: writeResult locks its Analysis node before writing, so a result being
// written either commits before this (its niches and memberships go below) or fails.
MATCH (an:Analysis {graphId: $graphId})
CALL (an) { DETACH DELETE an } IN TRANSACTIONS OF $batchSize ROWS;

// Accounts with their INTERACTED and IN_NICHE relationships: one inner transaction holds
// $batchSize accounts and every relationship they have.
MATCH (a:Account {graphId: $graphId})
CALL (a) { DETACH DELETE a } IN TRANSACTIONS OF $batchSize ROWS;

// Niches (their memberships went with the accounts).
MATCH (n:Niche {graphId: $graphId})
CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF $batchSize ROWS;

// Communities (linked from the niches above).
MATCH (c:Community {graphId: $graphId})
CALL (c) { DETACH DELETE c } IN TRANSACTIONS OF $batchSize ROWS;

// Result blocks (byte arrays of a few hundred KB each: smaller inner transactions).
MATCH (b:ResultBlock {graphId: $graphId})
CALL (b) { DELETE b } IN TRANSACTIONS OF 50 ROWS;

// Projection chunks (src/store/projection-chunks.ts; strings of up to a few MB each).
MATCH (c:ProjectionChunk {graphId: $graphId})
CALL (c) { DELETE c } IN TRANSACTIONS OF 50 ROWS;

// Chunks of rebuilds that no projection reads (pending, or retired by a rebuild).
MATCH (c:ProjectionChunk {orphanOf: $graphId})
CALL (c) { DELETE c } IN TRANSACTIONS OF 10 ROWS;

// The progress records of resumable uploads (src/store/uploads.ts).
// u.id IS NOT NULL (always: upload-step MERGEs on (graphId, id)) seeks the composite index.
MATCH (u:Upload {graphId: $graphId})
WHERE u.id IS NOT NULL
CALL (u) { DELETE u } IN TRANSACTIONS OF $batchSize ROWS;

MATCH (g:Graph {id: $graphId})
DETACH DELETE g
