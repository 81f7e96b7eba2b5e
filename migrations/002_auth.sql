-- Token families (one per login) and their rotating refresh tokens. Not events:
-- operational security state, pruned after expiry.
CREATE TABLE IF NOT EXISTS token_families (
    id              uuid PRIMARY KEY,
    user_id         uuid        NOT NULL,
    kind            text        NOT NULL CHECK (kind IN ('api', 'session')),
    created_at      timestamptz NOT NULL DEFAULT now(),
    revoked_at      timestamptz,
    revoked_reason  text
);
CREATE INDEX IF NOT EXISTS token_families_live_by_user ON token_families (user_id) WHERE revoked_at IS NULL;

CREATE TABLE IF NOT EXISTS refresh_tokens (
    token_hash  bytea PRIMARY KEY,            -- sha256 of the token; the token itself is never stored
    family_id   uuid        NOT NULL REFERENCES token_families (id) ON DELETE CASCADE,
    issued_at   timestamptz NOT NULL DEFAULT now(),
    expires_at  timestamptz NOT NULL,
    used_at     timestamptz
);
CREATE INDEX IF NOT EXISTS refresh_tokens_family ON refresh_tokens (family_id);

-- Read tables of the Directory projection (custom roles only: built-in roles live in code).
CREATE TABLE IF NOT EXISTS users (
    id          uuid PRIMARY KEY,
    username    text        NOT NULL,
    role        text        NOT NULL,
    email       text,
    full_name   text,
    active      boolean     NOT NULL DEFAULT true,
    version     integer     NOT NULL,
    created_at  timestamptz NOT NULL,
    updated_at  timestamptz NOT NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS users_username_lower ON users (lower(username));
CREATE INDEX IF NOT EXISTS users_role ON users (role, username);

CREATE TABLE IF NOT EXISTS roles (
    id          uuid PRIMARY KEY,
    name        text        NOT NULL UNIQUE,
    permissions text[]      NOT NULL,
    updated_at  timestamptz NOT NULL DEFAULT now()
);
