-- A person's calendar feed: a secret address (only its SHA-256 kept) that calendar apps poll for
-- their shifts; renewing it replaces the secret, and the old address stops.
CREATE TABLE calendar_feeds (
    user_id    INTEGER PRIMARY KEY REFERENCES users (id),
    token_hash TEXT    NOT NULL UNIQUE,
    created_at BIGINT  NOT NULL
);
