-- The audit trail: every stored event, in notification order, chained to the one
-- before it by a SHA-256 hash (docs/audit.md). Written by the Audit read model in the
-- same transaction as its tracking row; never updated.
CREATE TABLE IF NOT EXISTS audit_trail (
    position   bigint PRIMARY KEY,       -- the event's notification id
    at         timestamptz NOT NULL,
    type       text        NOT NULL,     -- Order.Placed
    entity     text        NOT NULL,     -- order
    entity_id  uuid        NOT NULL,
    version    integer     NOT NULL,
    actor      text,
    summary    text        NOT NULL,
    critical   boolean     NOT NULL,
    hash       bytea       NOT NULL      -- sha256(previous hash, position, id, version, topic, state)
);
CREATE INDEX IF NOT EXISTS audit_trail_at ON audit_trail (at DESC, position DESC);
CREATE INDEX IF NOT EXISTS audit_trail_entity ON audit_trail (entity_id, position DESC);
CREATE INDEX IF NOT EXISTS audit_trail_actor ON audit_trail (actor, position DESC);
CREATE INDEX IF NOT EXISTS audit_trail_type ON audit_trail (type, position DESC);
CREATE INDEX IF NOT EXISTS audit_trail_critical ON audit_trail (position DESC) WHERE critical;
