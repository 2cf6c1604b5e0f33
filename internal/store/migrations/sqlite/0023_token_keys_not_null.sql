-- The keys of sessions, api_tokens and email_tokens NOT NULL, as on PostgreSQL (found by the
-- schema parity test, internal/store/schema_parity_test.go). PostgreSQL makes a PRIMARY KEY NOT
-- NULL; SQLite, for compatibility with its early versions, lets a TEXT PRIMARY KEY hold NULL,
-- and any number of them. erikti never writes one, and a row without a key can be found by
-- no token, so such a row is dropped. SQLite cannot add NOT NULL to a column: each table is
-- built again under a new name, filled, and takes the old one's place and indexes. No table
-- references these three and no trigger reads them.

CREATE TABLE sessions_new (
    token_hash    TEXT    NOT NULL PRIMARY KEY,
    user_id       INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at    BIGINT  NOT NULL,
    last_seen_at  BIGINT  NOT NULL,
    expires_at    BIGINT  NOT NULL,
    second_factor BOOLEAN NOT NULL DEFAULT FALSE,
    origin        TEXT    NOT NULL DEFAULT '',
    agent         TEXT    NOT NULL DEFAULT ''
);
INSERT INTO sessions_new (token_hash, user_id, created_at, last_seen_at, expires_at, second_factor, origin, agent)
    SELECT token_hash, user_id, created_at, last_seen_at, expires_at, second_factor, origin, agent
    FROM sessions WHERE token_hash IS NOT NULL;
DROP TABLE sessions;
ALTER TABLE sessions_new RENAME TO sessions;
CREATE INDEX sessions_user ON sessions (user_id);

CREATE TABLE api_tokens_new (
    token_hash    TEXT    NOT NULL PRIMARY KEY,
    user_id       INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at    BIGINT  NOT NULL,
    expires_at    BIGINT  NOT NULL,
    second_factor BOOLEAN NOT NULL DEFAULT FALSE,
    origin        TEXT    NOT NULL DEFAULT '',
    agent         TEXT    NOT NULL DEFAULT '',
    last_used_at  BIGINT  NOT NULL DEFAULT 0
);
INSERT INTO api_tokens_new (token_hash, user_id, created_at, expires_at, second_factor, origin, agent, last_used_at)
    SELECT token_hash, user_id, created_at, expires_at, second_factor, origin, agent, last_used_at
    FROM api_tokens WHERE token_hash IS NOT NULL;
DROP TABLE api_tokens;
ALTER TABLE api_tokens_new RENAME TO api_tokens;
CREATE INDEX api_tokens_user ON api_tokens (user_id);

CREATE TABLE email_tokens_new (
    token_hash TEXT    NOT NULL PRIMARY KEY,
    purpose    TEXT    NOT NULL,
    user_id    INTEGER NOT NULL DEFAULT 0,
    email      TEXT    NOT NULL,
    data       TEXT    NOT NULL DEFAULT '',
    created_at BIGINT  NOT NULL,
    expires_at BIGINT  NOT NULL,
    used_at    BIGINT  NOT NULL DEFAULT 0
);
INSERT INTO email_tokens_new (token_hash, purpose, user_id, email, data, created_at, expires_at, used_at)
    SELECT token_hash, purpose, user_id, email, data, created_at, expires_at, used_at
    FROM email_tokens WHERE token_hash IS NOT NULL;
DROP TABLE email_tokens;
ALTER TABLE email_tokens_new RENAME TO email_tokens;
CREATE INDEX email_tokens_user ON email_tokens (user_id, purpose);
