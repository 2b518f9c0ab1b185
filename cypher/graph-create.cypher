// Creates a graph. A taken id (even one being deleted) violates constraint graph_id:
// the store catches Neo.ClientError.Schema.ConstraintValidationFailed and answers null.
// The fold mode is fixed here for the graph's life (src/store/fold.ts). A new graph's projection
// chunk set (src/store/projection-chunks.ts) is empty and valid.
// Params: $id, $name, $description (nullable), $createdAt (ISO 8601 string), $fold ('none' | 'day').
CREATE (g:Graph {id: $id, name: $name, description: $description, createdAt: $createdAt, fold: $fold, projectionChunks: 'valid'})
RETURN g.id AS id, g.name AS name, g.description AS description, g.createdAt AS createdAt, g.fold AS fold
