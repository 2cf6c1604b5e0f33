-- What the pages need: cookie sessions, a volunteer's profile, an organization's application for
-- verification, and events marked as suitable for volunteers aged 55 and over.

CREATE TABLE sessions (
    token_hash   TEXT    PRIMARY KEY,
    user_id      INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at   BIGINT  NOT NULL,
    last_seen_at BIGINT  NOT NULL,
    expires_at   BIGINT  NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);

ALTER TABLE users ADD COLUMN district TEXT NOT NULL DEFAULT '';
ALTER TABLE users ADD COLUMN university TEXT NOT NULL DEFAULT '';
ALTER TABLE users ADD COLUMN languages TEXT NOT NULL DEFAULT '';
ALTER TABLE users ADD COLUMN skills TEXT NOT NULL DEFAULT '';
ALTER TABLE users ADD COLUMN accessibility_needs TEXT NOT NULL DEFAULT '';

ALTER TABLE organizations ADD COLUMN applied_at BIGINT NOT NULL DEFAULT 0;

ALTER TABLE events ADD COLUMN silver BOOLEAN NOT NULL DEFAULT FALSE;
