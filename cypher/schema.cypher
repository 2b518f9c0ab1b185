// Constraints and indexes of the nichegraph data model (see src/store/neo4j-store.ts).
// Run once at start-up by Neo4jGraphStore.init() (src/store/schema.ts); every statement is idempotent (IF NOT EXISTS).
// Statements are separated by a semicolon at the end of a line (src/store/cypher-files.ts).
// All of them work on Neo4j 5 Community: property uniqueness constraints (single and
// composite, on nodes and relationships) are Community features; key/existence/type
// constraints are not used.

CREATE CONSTRAINT graph_id IF NOT EXISTS
FOR (g:Graph) REQUIRE g.id IS UNIQUE;

CREATE CONSTRAINT account_graph_id IF NOT EXISTS
FOR (a:Account) REQUIRE (a.graphId, a.id) IS UNIQUE;

// Idempotent ingestion: key = graphId + '/' + id for interactions that carry an id
// (null otherwise, and uniqueness ignores nulls). The constraint's index also serves
// the existence check made before each CREATE.
CREATE CONSTRAINT interacted_key IF NOT EXISTS
FOR ()-[r:INTERACTED]-() REQUIRE r.key IS UNIQUE;

CREATE CONSTRAINT analysis_id IF NOT EXISTS
FOR (a:Analysis) REQUIRE a.id IS UNIQUE;

CREATE CONSTRAINT niche_analysis_id IF NOT EXISTS
FOR (n:Niche) REQUIRE (n.analysisId, n.id) IS UNIQUE;

CREATE CONSTRAINT community_analysis_id IF NOT EXISTS
FOR (c:Community) REQUIRE (c.analysisId, c.id) IS UNIQUE;

// Lookups by graph (projection, counts, deletion) and by status (failUnfinished).
CREATE INDEX account_graph IF NOT EXISTS
FOR (a:Account) ON (a.graphId);

CREATE INDEX analysis_graph IF NOT EXISTS
FOR (a:Analysis) ON (a.graphId);

CREATE INDEX analysis_status IF NOT EXISTS
FOR (a:Analysis) ON (a.status);

CREATE INDEX niche_graph IF NOT EXISTS
FOR (n:Niche) ON (n.graphId);

CREATE INDEX community_graph IF NOT EXISTS
FOR (c:Community) ON (c.graphId);

CREATE INDEX graph_created IF NOT EXISTS
FOR (g:Graph) ON (g.createdAt);

// Result blocks (src/store/result-blocks.ts): one per (analysis, kind, seq); the
// constraint's index serves the block reads, graphId the deletion with the graph.
CREATE CONSTRAINT result_block_key IF NOT EXISTS
FOR (b:ResultBlock) REQUIRE (b.analysisId, b.kind, b.seq) IS UNIQUE;

CREATE INDEX result_block_graph IF NOT EXISTS
FOR (b:ResultBlock) ON (b.graphId);

// The erasure ledger (src/store/erasure.ts): one node per erased (graph, account), named by
// an HMAC of both under the server's ERASURE_SECRET, never by the account id.
CREATE CONSTRAINT erasure_hash IF NOT EXISTS
FOR (e:Erasure) REQUIRE e.hash IS UNIQUE;

CREATE INDEX erasure_graph IF NOT EXISTS
FOR (e:Erasure) ON (e.graphId);

// Projection chunks (src/store/projection-chunks.ts): read and deleted by graph.
CREATE INDEX projection_chunk_graph IF NOT EXISTS
FOR (c:ProjectionChunk) ON (c.graphId);

// Chunks no projection reads (a rebuild's pending chunks, and the ones it retired): swept by graph.
CREATE INDEX projection_chunk_orphan IF NOT EXISTS
FOR (c:ProjectionChunk) ON (c.orphanOf);

// Resumable streamed uploads (src/store/uploads.ts): one node per (graph, Upload-Id).
CREATE CONSTRAINT upload_key IF NOT EXISTS
FOR (u:Upload) REQUIRE (u.graphId, u.id) IS UNIQUE
