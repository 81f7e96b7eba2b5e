-- Idempotency-Key: the first answer to a write, replayed for a retry with the same key and body.
CREATE TABLE IF NOT EXISTS idempotency_keys (
    principal   text        NOT NULL,   -- user id, or 'anonymous'
    key         text        NOT NULL,
    request     bytea       NOT NULL,   -- sha256 of method, path and body
    status      integer,                -- NULL while the first request runs
    headers     jsonb,
    body        bytea,
    created_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (principal, key)
);
CREATE INDEX IF NOT EXISTS idempotency_keys_created ON idempotency_keys (created_at);
