-- One AES key per person (customer record or user) for the personal fields of their
-- events (oms/personal.py). Forgetting a person sets `key` to NULL: their fields can no
-- longer be read, and the row stays so that no new key is ever made for them.
-- Not a read table: it is not rebuildable, back it up with the event store (docs/operations.md).
CREATE TABLE IF NOT EXISTS personal_keys (
    subject_id  uuid        PRIMARY KEY,
    key         bytea,
    created_at  timestamptz NOT NULL DEFAULT now(),
    erased_at   timestamptz
);
