// Creates a graph. A taken id (even one being deleted) violates constraint graph_id:
// the store catches Neo.ClientError.Schema.ConstraintValidationFailed and answers null.
// Params: $id, $name, $description (nullable), $createdAt (ISO 8601 string).
CREATE (g:Graph {id: $id, name: $name, description: $description, createdAt: $createdAt})
RETURN g.id AS id, g.name AS name, g.description AS description, g.createdAt AS createdAt
