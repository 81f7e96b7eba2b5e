-- Events a read model could not apply, set aside so that every later event still is.
-- Written in the projector's batch transaction, beside the tracking position.
CREATE TABLE IF NOT EXISTS set_aside_events (
    projection  text        NOT NULL,   -- the read model (or 'decode' when the event could not be read)
    position    bigint      NOT NULL,   -- the event's notification id
    topic       text        NOT NULL,
    error       text        NOT NULL,
    set_aside_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (projection, position)
);
