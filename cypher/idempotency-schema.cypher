// Idempotency-Key records (src/store/idempotency-store.ts). Run at start-up; idempotent.
CREATE CONSTRAINT idempotency_key_id IF NOT EXISTS
FOR (k:IdempotencyKey) REQUIRE k.id IS UNIQUE;

CREATE INDEX idempotency_key_expires IF NOT EXISTS
FOR (k:IdempotencyKey) ON (k.expiresAt);
