-- Idempotency after a crash. A claim is a lease: the attempt holding it renews
-- `lease_until` while it runs; once it lapses (its process died) a resend takes the claim
-- over. Whether the write happened is told by `idempotent_writes`, written in the same
-- transaction as the write's events (commands/idempotent.py), never by the claim.
-- Not a read table: it is not rebuildable, back it up with the event store.
ALTER TABLE idempotency_keys ADD COLUMN IF NOT EXISTS holder uuid;
ALTER TABLE idempotency_keys ADD COLUMN IF NOT EXISTS lease_until timestamptz NOT NULL DEFAULT now();

CREATE TABLE IF NOT EXISTS idempotent_writes (
    principal   text        NOT NULL,
    key         text        NOT NULL,
    written     bytea       NOT NULL,   -- the aggregates answered and the events written (JSON)
    created_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (principal, key)
);
CREATE INDEX IF NOT EXISTS idempotent_writes_created ON idempotent_writes (created_at);
